DROP FUNCTION herald_ensure_notifications_partition(date);
DROP TABLE notifications;
