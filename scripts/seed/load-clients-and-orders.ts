import type { TransactionSql } from "postgres";
import type { DemoClient } from "@/lib/domain/demo";
import { CLIENT_COPY_COLUMNS, clientCopyLine, ORDER_COPY_COLUMNS, orderCopyLines } from "./copy-format";
import { copyInto } from "@/lib/server/db/copy";

/** Clients per pair of COPY statements: large enough that statement overhead vanishes, small enough to buffer. */
const CLIENTS_PER_COPY = 20_000;

/**
 * COPYs generated clients and orders, batch by batch. Within a batch the orders stream first, pulling
 * chunks from the generator as PostgreSQL asks for more, so generating overlaps ingesting the big table;
 * the batch's client lines are kept aside meanwhile and copied right after. Loading orders before their
 * clients needs the orders→clients foreign key suspended, which the caller does.
 */
export async function loadClientsAndOrders(
  tx: TransactionSql,
  chunks: Iterator<DemoClient[], void>,
  onChunkLoaded: (chunk: DemoClient[]) => void,
  onBatchLoaded: () => void,
): Promise<void> {
  let next = chunks.next();
  while (!next.done) {
    const clientText: string[] = [];
    let clientsInBatch = 0;
    const orderText = function* () {
      while (!next.done && clientsInBatch < CLIENTS_PER_COPY) {
        const chunk = next.value;
        clientText.push(chunk.map(clientCopyLine).join(""));
        yield chunk.map(orderCopyLines).join("");
        clientsInBatch += chunk.length;
        onChunkLoaded(chunk);
        next = chunks.next();
      }
    };
    await copyInto(tx, "orders", ORDER_COPY_COLUMNS, orderText());
    await copyInto(tx, "clients", CLIENT_COPY_COLUMNS, clientText);
    onBatchLoaded();
  }
}
