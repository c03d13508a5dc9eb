import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  statusOf
} from "./chunk-O3H6GJ2W.js";
import {
  readPlan
} from "./chunk-2D3RJZIZ.js";
import "./chunk-6KY3WMZO.js";
import "./chunk-T7Y64LFU.js";
import "./chunk-LNBFH3O3.js";
import "./chunk-2HGUGDQM.js";
import "./chunk-37637WGZ.js";
import "./chunk-BCMLP5VT.js";

// src/engine/github/dispatched-comment.ts
async function dispatchedComment(host, issue, commentId) {
  const [comments, plan] = await Promise.all([host.listComments(issue), readPlan(host, issue)]);
  const comment = comments.find((c) => c.id === commentId);
  const nothing = async (reason) => {
    if (plan) await host.setStatus(issue, statusOf(plan));
    return { kind: "nothing", reason };
  };
  if (!comment) return nothing(`comment ${commentId} is not on issue #${issue} (deleted?)`);
  if (plan && commentId <= plan.record.lastCommentId)
    return nothing(`comment ${commentId} was already handled`);
  if (comment.updatedAt !== comment.createdAt) {
    await host.reply(
      issue,
      `reply:${commentId}`,
      `@${comment.author.login} your comment was edited after it was posted, so Maestro did not plan from it. Post the answer or command again as a new comment.`
    );
    return nothing(`comment ${commentId} was edited after it was posted`);
  }
  return { kind: "event", event: { kind: "comment", issue, isPullRequest: false, comment } };
}
export {
  dispatchedComment
};
