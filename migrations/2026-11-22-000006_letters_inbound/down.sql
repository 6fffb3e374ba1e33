DROP TABLE received_texts;
DROP TABLE inbound_numbers;
CREATE OR REPLACE FUNCTION herald_status_rank(status text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE status
        WHEN 'created' THEN 0
        WHEN 'sending' THEN 1
        WHEN 'pending' THEN 2
        WHEN 'sent' THEN 3
        WHEN 'delivered' THEN 4
        WHEN 'temporary-failure' THEN 4
        WHEN 'technical-failure' THEN 4
        WHEN 'permanent-failure' THEN 5
        ELSE 0
    END
$$;
DROP TABLE letter_pdfs;
ALTER TABLE notifications DROP COLUMN postage;
ALTER TABLE template_versions DROP COLUMN postage, DROP COLUMN letter_contact_block;
