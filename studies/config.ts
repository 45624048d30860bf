// A study file of any mode: the union the database stores and every request is checked against.
import { z } from "zod";
import { ZChatConfig } from "./chat/config";
import { ZListwiseConfig } from "./listwise/config";
import { ZPairwiseConfig } from "./pairwise/config";
import { ZRatingConfig } from "./rating/config";

export const ZStudyConfig = z.discriminatedUnion("mode", [ZPairwiseConfig, ZListwiseConfig, ZChatConfig, ZRatingConfig]);
export type TStudyConfig = z.infer<typeof ZStudyConfig>;
