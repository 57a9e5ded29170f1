-- One send slot for a chat and the global limit together: the slot is the first instant free for
-- both, and both keys move past it, so sends to one chat stay evenly spaced however long the
-- global queue made them wait. One round trip; rows are locked in key order (no deadlocks).
CREATE OR REPLACE FUNCTION reserve_send_slot(chat_key text, chat_interval bigint, global_key text, global_interval bigint)
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  now_ms bigint := (extract(epoch from clock_timestamp()) * 1000)::bigint;
  slot bigint := now_ms;
  current_tat bigint;
  k text;
BEGIN
  FOR k IN SELECT unnest FROM unnest(ARRAY[chat_key, global_key]) WHERE unnest IS NOT NULL ORDER BY 1 LOOP
    INSERT INTO rate_limits (key, tat) VALUES (k, 0) ON CONFLICT (key) DO NOTHING;
    SELECT tat INTO current_tat FROM rate_limits WHERE key = k FOR UPDATE;
    slot := greatest(slot, current_tat);
  END LOOP;
  IF chat_key IS NOT NULL THEN
    UPDATE rate_limits SET tat = slot + chat_interval WHERE key = chat_key;
  END IF;
  IF global_key IS NOT NULL THEN
    UPDATE rate_limits SET tat = slot + global_interval WHERE key = global_key;
  END IF;
  RETURN slot - now_ms;
END;
$$;
