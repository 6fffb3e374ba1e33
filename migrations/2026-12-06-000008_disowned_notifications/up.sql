-- Notifications the API answered 503 after a publish whose outcome it could
-- not know: the broker connection was lost, or the confirm did not arrive
-- within the publish timeout, after the message had been sent. The broker
-- may still hold such a message (a node that wrote it and stopped before
-- confirming, a memory alarm that held it unread, a quorum that came back),
-- and a client told 503 will send it again. So the API records the id here
-- before it answers, and the persist worker never stores an id recorded
-- here (the sender skips it too). The API and the persist worker serialise
-- on one advisory lock (docs/reliability.md, "A 503 means not stored"), so
-- the API either finds the notification already stored (and answers 201)
-- or disowns it before any insert can see it.
CREATE TABLE disowned_notifications (
    id uuid PRIMARY KEY,
    disowned_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX disowned_notifications_disowned_at ON disowned_notifications (disowned_at);
