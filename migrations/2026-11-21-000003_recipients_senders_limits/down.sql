ALTER TABLE template_versions DROP COLUMN created_by;
ALTER TABLE notifications DROP COLUMN reply_to;
DROP TABLE service_sms_senders;
DROP TABLE service_email_reply_to;
DROP TABLE service_guest_list;
DROP TABLE service_team_members;
ALTER TABLE services DROP COLUMN daily_limit;
