-- Files posted with a message: the message that linked each file to its
-- request (NULL for files named by the request's form when it was opened),
-- and the file's place in the list that named it, so that files added at
-- the same moment keep the order they were sent in.
ALTER TABLE request_attachments ADD COLUMN message_id TEXT REFERENCES request_messages (id);
ALTER TABLE request_attachments ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
