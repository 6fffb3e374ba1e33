DROP TABLE template_versions;
DROP TABLE templates;
DROP TABLE api_keys;
DROP TABLE services;
