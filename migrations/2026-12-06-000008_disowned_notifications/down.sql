DROP TABLE disowned_notifications;
