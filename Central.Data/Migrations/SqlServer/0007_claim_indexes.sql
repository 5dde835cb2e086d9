-- Claims walk the unprocessed inbox and the pending outbox oldest first and stop at the first few heads of queue.
-- Without an index in that order, each claim read every waiting row and sorted them.
CREATE INDEX ix_inbox_unprocessed ON inbox (id) INCLUDE (sender_key, claim_expires_at) WHERE processed_at IS NULL;
CREATE INDEX ix_outbox_pending ON outbox (id) INCLUDE (recipient_key, next_attempt_at, claim_expires_at) WHERE status = N'pending';
