-- An order moved to another client (an upsert under the same external id with another customer) changes the first
-- order of both clients: the one it left is looked up again too, not only the one it joined.
CREATE OR REPLACE FUNCTION outreach_results_on_changed_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE outreach_assignments a SET first_order_at = first_order_since(a.client_id, a.started_at)
  FROM (SELECT n.client_id FROM new_orders n JOIN old_orders o ON o.id = n.id
        WHERE n.status IS DISTINCT FROM o.status OR n.ordered_at IS DISTINCT FROM o.ordered_at OR n.client_id IS DISTINCT FROM o.client_id
        UNION
        SELECT o.client_id FROM new_orders n JOIN old_orders o ON o.id = n.id WHERE n.client_id IS DISTINCT FROM o.client_id) x
  WHERE a.client_id = x.client_id AND a.started_at IS NOT NULL;
  RETURN NULL;
END $$;
