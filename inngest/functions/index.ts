import { fullRescoreFunction, nightlyRescoreFunction } from "./full-rescore";
import { nightlySweepFunction } from "./nightly-sweep";
import { outreachFunction } from "./outreach";
import { waitUntilDueFunction } from "./wait-until-due";
import { sendEmailBatchFunction } from "./send-email-batch";
import { processImportFunction } from "./process-import";
import { rescoreClientFunction } from "./rescore-client";

/** Every Inngest function of the app: /api/inngest serves this list. Add a function here to register it. */
export const functions = [rescoreClientFunction, fullRescoreFunction, nightlyRescoreFunction, processImportFunction, nightlySweepFunction, outreachFunction, waitUntilDueFunction, sendEmailBatchFunction];
