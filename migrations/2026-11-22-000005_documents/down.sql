ALTER TABLE services DROP COLUMN contact_link;
DROP TABLE documents;
