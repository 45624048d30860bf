// Researcher: change a shared researcher's role, or remove their access (owner only).
import { z } from "zod";
import { listStudyShares } from "@/db/queries/studies/list-study-shares";
import { shareStudy, unshareStudy } from "@/db/queries/studies/share-study";
import { AppError } from "@/lib/http/app-error";
import { route } from "@/lib/http/route";

const ZParams = z.object({ id: z.string().uuid(), researcherId: z.string().uuid() });

export const PATCH = route({
  access: "researcher",
  params: ZParams,
  body: z.object({ role: z.enum(["viewer", "editor"]) }).strict(),
  handler: async ({ params, researcherId, body }) => {
    const { shares } = await listStudyShares({ studyId: params.id, researcherId: researcherId! });
    const share = shares.find((s) => s.researcherId === params.researcherId);
    if (!share) throw new AppError("NOT_FOUND", "This study is not shared with that researcher.");
    return shareStudy({ studyId: params.id, researcherId: researcherId!, email: share.email, role: body.role });
  },
});

export const DELETE = route({
  access: "researcher",
  params: ZParams,
  handler: async ({ params, researcherId }) => unshareStudy({ studyId: params.id, researcherId: researcherId!, sharedWith: params.researcherId }),
});
