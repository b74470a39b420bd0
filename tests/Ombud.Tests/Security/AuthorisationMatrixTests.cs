using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Tests.Disputes.Http;
using Ombud.Tests.Support;

namespace Ombud.Tests.Security;

/// <summary>
/// Every API operation the app maps × every kind of caller, each cell's expected outcome written down in
/// <see cref="Expected"/>: <c>ok</c> (let through: any answer but 401, 403, 404 or a 5xx), <c>401</c> (who are you?),
/// <c>403</c> (known, not allowed), <c>404</c> (someone else's, or nothing there: never "it exists but is not yours").
/// Operations are read from the app's own endpoints, so a new one missing from the table fails this test by name.
/// </summary>
public sealed class AuthorisationMatrixTests
{
    /// <summary>The columns, in the order of <see cref="Credential"/>; B's and merchant B's cells use A's ids.</summary>
    private const string Columns = "anon shopA shopB mUserA mKeyA mKeyB agent fraud analyst adminU adminK revoked noScope ingestK";

    /// <summary>
    /// Each operation's row. Ids in routes are A's (<see cref="AuthorisationWorld"/>); where the world has no such
    /// thing (an offer, a delivery, a dead letter, an agent) the id is new, so those who may ask are told 404 too.
    /// </summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        //                                                                             anon shopA shopB mUserA mKeyA mKeyB agent fraud analyst adminU adminK revoked noScope ingestK
        // Ingestion
        ["GET /api/v1/customers"] =                                                   "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["POST /api/v1/customers"] =                                                  "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["GET /api/v1/customers/{id:guid}"] =                                         "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["GET /api/v1/merchants"] =                                                   "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["POST /api/v1/merchants"] =                                                  "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["GET /api/v1/merchants/{id:guid}"] =                                         "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["GET /api/v1/orders"] =                                                      "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["POST /api/v1/orders"] =                                                     "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["POST /api/v1/orders/batch"] =                                               "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["GET /api/v1/orders/{id:guid}"] =                                            "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["POST /api/v1/orders/{id:guid}/cancellation"] =                              "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["POST /api/v1/orders/{id:guid}/delivery"] =                                  "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["POST /api/v1/orders/{id:guid}/return"] =                                    "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["POST /api/v1/orders/{id:guid}/shipment"] =                                  "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["GET /api/v1/payments"] =                                                    "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["POST /api/v1/payments"] =                                                   "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["GET /api/v1/payments/{id:guid}"] =                                          "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["GET /api/v1/refunds"] =                                                     "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["POST /api/v1/refunds"] =                                                    "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        ["GET /api/v1/refunds/{id:guid}"] =                                           "401  401   401   401    403   403   401   401   401     401    403    401     403     ok",
        // Disputes: shopper
        ["GET /api/v1/shopper/disputes/"] =                                           "401  ok    ok    403    401   401   403   403   403     403    401    401     401     401",
        ["POST /api/v1/shopper/disputes/"] =                                          "401  ok    404   403    401   401   403   403   403     403    401    401     401     401",
        ["GET /api/v1/shopper/disputes/{id:guid}"] =                                  "401  ok    404   403    401   401   403   403   403     403    401    401     401     401",
        ["GET /api/v1/shopper/disputes/{id:guid}/files/{fileId:guid}"] =              "401  ok    404   403    401   401   403   403   403     403    401    401     401     401",
        ["POST /api/v1/shopper/disputes/{id:guid}/information"] =                     "401  ok    404   403    401   401   403   403   403     403    401    401     401     401",
        ["POST /api/v1/shopper/disputes/{id:guid}/return"] =                          "401  ok    404   403    401   401   403   403   403     403    401    401     401     401",
        ["POST /api/v1/shopper/disputes/{id:guid}/escalation"] =                      "401  ok    404   403    401   401   403   403   403     403    401    401     401     401",
        ["POST /api/v1/shopper/disputes/{id:guid}/settlement"] =                      "401  ok    404   403    401   401   403   403   403     403    401    401     401     401",
        ["POST /api/v1/shopper/disputes/{id:guid}/withdrawal"] =                      "401  ok    404   403    401   401   403   403   403     403    401    401     401     401",
        // Payment difficulty: the shopper's own plans (A's is paused by A's dispute; keys are known but hold no
        // shopper), and staff; no write-off waits
        // for approval in this world, so staff are told 404 there.
        ["GET /api/v1/me/plans/{id:guid}/options"] =                                  "401  ok    404   403    403   403   403   403   403     403    403    401     403     403",
        ["GET /api/v1/me/plans/{id:guid}/adjustments"] =                              "401  ok    404   403    403   403   403   403   403     403    403    401     403     403",
        ["POST /api/v1/me/plans/{id:guid}/adjustments"] =                             "401  ok    404   403    403   403   403   403   403     403    403    401     403     403",
        // The shopper's own messages about payments: anyone signed in as a shopper reads their own (B reads B's).
        ["GET /api/v1/me/notices"] =                                                  "401  ok    ok    403    403   403   403   403   403     403    403    401     403     403",
        // A's plan is not in collection, so staff are let through and told 409.
        ["POST /api/v1/staff/plans/{id:guid}/collection-withdrawal"] =                "401  403   403   403    403   403   ok    403   403     ok     ok     401     403     403",
        ["GET /api/v1/staff/customers/{id:guid}/adjustments"] =                       "401  403   403   403    403   403   ok    403   403     ok     ok     401     403     403",
        ["GET /api/v1/staff/plans/{id:guid}/adjustments"] =                           "401  403   403   403    403   403   ok    403   403     ok     ok     401     403     403",
        ["POST /api/v1/staff/plans/{id:guid}/adjustments"] =                          "401  403   403   403    403   403   ok    403   403     ok     ok     401     403     403",
        ["GET /api/v1/staff/adjustments/awaiting-approval"] =                         "401  403   403   403    403   403   ok    403   403     ok     ok     401     403     403",
        ["POST /api/v1/staff/adjustments/{id:guid}/approval"] =                       "401  403   403   403    403   403   404   403   403     404    404    401     403     403",
        ["POST /api/v1/staff/adjustments/{id:guid}/rejection"] =                      "401  403   403   403    403   403   404   403   403     404    404    401     403     403",
        // The financial-difficulty queue (staff only); no case is open in this world, so deciding one is 404.
        ["GET /api/v1/staff/difficulty-cases"] =                                      "401  403   403   403    403   403   ok    403   403     ok     ok     401     403     403",
        ["POST /api/v1/staff/difficulty-cases/{id:guid}/contact"] =                   "401  403   403   403    403   403   404   403   403     404    404    401     403     403",
        ["POST /api/v1/staff/difficulty-cases/{id:guid}/resolution"] =                "401  403   403   403    403   403   404   403   403     404    404    401     403     403",
        // Disputes: merchant
        ["GET /api/v1/merchant/disputes/"] =                                          "401  401   401   401    ok    ok    401   401   401     401    403    401     403     403",
        ["GET /api/v1/merchant/disputes/{id:guid}"] =                                 "401  401   401   401    ok    404   401   401   401     401    403    401     403     403",
        ["POST /api/v1/merchant/disputes/{id:guid}/acceptance"] =                     "401  401   401   401    ok    404   401   401   401     401    403    401     403     403",
        ["POST /api/v1/merchant/disputes/{id:guid}/appeal"] =                         "401  401   401   401    ok    404   401   401   401     401    403    401     403     403",
        ["POST /api/v1/merchant/disputes/{id:guid}/evidence"] =                       "401  401   401   401    ok    404   401   401   401     401    403    401     403     403",
        ["POST /api/v1/merchant/disputes/{id:guid}/messages"] =                       "401  401   401   401    ok    404   401   401   401     401    403    401     403     403",
        ["POST /api/v1/merchant/disputes/{id:guid}/refunds"] =                        "401  401   401   401    ok    404   401   401   401     401    403    401     403     403",
        ["GET /api/v1/merchant/disputes/{id:guid}/files/{fileId:guid}"] =             "401  403   403   ok     ok    404   403   403   403     403    403    401     403     403",
        // Orders: merchant (A's order; merchant B's key is told it is not there)
        ["GET /api/v1/merchant/orders/{id:guid}"] =                                   "401  401   401   401    ok    404   401   401   401     401    403    401     403     403",
        // Disputes: staff
        ["GET /api/v1/staff/disputes/queue"] =                                        "401  403   403   403    403   403   ok    403   403     ok     ok     401     403     403",
        ["GET /api/v1/staff/disputes/{id:guid}"] =                                    "401  403   403   403    403   403   ok    403   403     ok     ok     401     403     403",
        ["POST /api/v1/staff/disputes/{id:guid}/decision"] =                          "401  403   403   403    403   403   ok    403   403     ok     ok     401     403     403",
        ["GET /api/v1/staff/disputes/{id:guid}/files/{fileId:guid}"] =                "401  403   403   403    403   403   ok    403   403     ok     ok     401     403     403",
        ["POST /api/v1/staff/high-risk"] =                                            "401  403   403   403    403   403   ok    403   403     ok     ok     401     403     403",
        // Staff desk: admins (person or key), fraud specialists and staff-tier agents; the matrix's agent is a gig agent.
        ["GET /api/v1/staff/disputes"] =                                              "401  403   403   403    403   403   403   ok    403     ok     ok     401     403     403",
        ["GET /api/v1/staff/customers"] =                                             "401  403   403   403    403   403   403   ok    403     ok     ok     401     403     403",
        ["GET /api/v1/staff/customers/{id:guid}"] =                                   "401  403   403   403    403   403   403   ok    403     ok     ok     401     403     403",
        // Assistant
        ["GET /api/v1/admin/assistant/turn-latency/"] =                               "401  401   401   401    403   403   401   401   401     401    ok     401     403     403",
        ["POST /api/v1/admin/assistant/turn-latency/reset"] =                         "401  401   401   401    403   403   401   401   401     401    ok     401     403     403",
        ["POST /api/v1/assistant/conversations/"] =                                   "401  ok    ok    403    403   403   403   403   403     403    403    401     403     403",
        ["GET /api/v1/assistant/conversations/{id:guid}"] =                           "401  ok    404   403    403   403   403   403   403     403    403    401     403     403",
        ["POST /api/v1/assistant/conversations/{id:guid}/handoff"] =                  "401  ok    404   403    403   403   403   403   403     403    403    401     403     403",
        ["POST /api/v1/assistant/conversations/{id:guid}/messages"] =                 "401  ok    404   403    403   403   403   403   403     403    403    401     403     403",
        // Marketplace: no agent record or offer in this world, so those who may act are told 404.
        ["POST /api/v1/admin/agents/{agentId:guid}/skills/{skill}/certification"] =   "401  403   403   403    403   403   403   403   403     404    404    401     403     403",
        // Becoming an agent: signing up and confirming are open to anyone (a key or cookie changes nothing; "{}" is
        // refused by field or, with no SMTP server here, as closed); a shopper applies from their own account.
        ["POST /api/v1/agents/applications/"] =                                       "ok   ok    ok    ok     ok    ok    ok    ok    ok      ok     ok     ok      ok      ok",
        ["POST /api/v1/agents/applications/confirmation"] =                           "ok   ok    ok    ok     ok    ok    ok    ok    ok      ok     ok     ok      ok      ok",
        ["POST /api/v1/agents/me/application"] =                                      "401  ok    ok    403    403   403   403   403   403     403    403    401     403     403",
        ["GET /api/v1/admin/agents/applications"] =                                   "401  403   403   403    403   403   403   403   403     ok     ok     401     403     403",
        ["GET /api/v1/agent/offers/"] =                                               "401  403   403   403    401   401   403   403   403     403    401    401     401     401",
        ["POST /api/v1/agent/offers/{id:guid}/accept"] =                              "401  403   403   403    401   401   404   403   403     403    401    401     401     401",
        ["POST /api/v1/agent/offers/{id:guid}/reject"] =                              "401  403   403   403    401   401   404   403   403     403    401    401     401     401",
        // Marketplace pay and quality: the matrix's agent has no agent record (403 from their own earnings); no person
        // ever held A's conversation, so it has no survey (404, for A as for B); nothing is in the QA sample (404), and an
        // empty score card is refused by field (400) before it is looked up.
        ["GET /api/v1/agents/me/earnings"] =                                          "401  403   403   403    401   401   403   403   403     403    401    401     401     401",
        ["GET /api/v1/admin/payouts.csv"] =                                           "401  403   403   403    403   403   403   403   403     ok     ok     401     403     403",
        ["POST /api/v1/conversations/{id:guid}/csat"] =                               "401  404   404   403    403   403   403   403   403     403    403    401     403     403",
        ["GET /api/v1/staff/qa/"] =                                                   "401  403   403   403    403   403   403   ok    403     ok     ok     401     403     403",
        ["GET /api/v1/staff/qa/{id:guid}"] =                                          "401  403   403   403    403   403   403   404   403     404    404    401     403     403",
        ["POST /api/v1/staff/qa/{id:guid}/score"] =                                   "401  403   403   403    403   403   403   ok    403     ok     ok     401     403     403",
        // Marketplace surge: the staff desk reads supply and demand; the matrix's agent has no agent record (403); A's
        // conversation does not wait for a person, so it has no wait estimate (404, for A as for B).
        ["GET /api/v1/staff/marketplace/supply"] =                                    "401  403   403   403    403   403   403   ok    403     ok     ok     401     403     403",
        ["PUT /api/v1/agents/me/surge-calls"] =                                       "401  403   403   403    401   401   403   403   403     403    401    401     401     401",
        ["GET /api/v1/conversations/{id:guid}/wait-estimate"] =                       "401  404   404   403    403   403   403   403   403     403    403    401     403     403",
        // Webhooks: A's endpoint is merchant A's key's alone (the admin key is the provider's, another owner); no
        // deliveries exist, so their rows tell only who gets past 401/403.
        ["GET /api/v1/webhooks/deliveries/{id:guid}"] =                               "401  401   401   401    404   404   401   401   401     401    404    401     403     403",
        ["POST /api/v1/webhooks/deliveries/{id:guid}/replay"] =                       "401  401   401   401    404   404   401   401   401     401    404    401     403     403",
        ["GET /api/v1/webhooks/endpoints"] =                                          "401  401   401   401    ok    ok    401   401   401     401    ok     401     403     403",
        ["POST /api/v1/webhooks/endpoints"] =                                         "401  401   401   401    ok    ok    401   401   401     401    ok     401     403     403",
        ["DELETE /api/v1/webhooks/endpoints/{id:guid}"] =                             "401  401   401   401    ok    404   401   401   401     401    404    401     403     403",
        ["GET /api/v1/webhooks/endpoints/{id:guid}"] =                                "401  401   401   401    ok    404   401   401   401     401    404    401     403     403",
        ["PUT /api/v1/webhooks/endpoints/{id:guid}"] =                                "401  401   401   401    ok    404   401   401   401     401    404    401     403     403",
        ["GET /api/v1/webhooks/endpoints/{id:guid}/deliveries"] =                     "401  401   401   401    ok    404   401   401   401     401    404    401     403     403",
        ["POST /api/v1/webhooks/endpoints/{id:guid}/rotate-secret"] =                 "401  401   401   401    ok    404   401   401   401     401    404    401     403     403",
        ["GET /api/v1/webhooks/event-types"] =                                        "401  401   401   401    ok    ok    401   401   401     401    ok     401     403     403",
        // Operations: no dead letters in this world, so admins are told 404 for a replay.
        ["GET /api/v1/admin/dead-letters/"] =                                         "401  403   403   403    403   403   403   403   403     ok     ok     401     403     403",
        ["POST /api/v1/admin/dead-letters/events/{subscriber}/replay"] =              "401  403   403   403    403   403   403   403   403     404    404    401     403     403",
        ["POST /api/v1/admin/dead-letters/timers/{kind}/{entityId}/replay"] =         "401  403   403   403    403   403   403   403   403     404    404    401     403     403",
        ["GET /api/v1/admin/storage/write-time/"] =                                   "401  403   403   403    403   403   403   403   403     ok     ok     401     403     403",
        ["POST /api/v1/admin/storage/write-time/reset"] =                             "401  403   403   403    403   403   403   403   403     ok     ok     401     403     403",
        // E-mail outbox: admins only; the world has sent no e-mail, so admins are told 404 for sending one again.
        ["GET /api/v1/admin/mail/"] =                                                 "401  403   403   403    403   403   403   403   403     ok     ok     401     403     403",
        ["POST /api/v1/admin/mail/{id:guid}/send-again"] =                            "401  403   403   403    403   403   403   403   403     404    404    401     403     403",
        // Audit log: admins only.
        ["GET /api/v1/admin/audit-log"] =                                             "401  403   403   403    403   403   403   403   403     ok     ok     401     403     403",
        // API keys: an admin person or key; the key revoked here is new, so admins are told 404.
        ["GET /api/v1/admin/api-keys/"] =                                             "401  403   403   403    403   403   403   403   403     ok     ok     401     403     403",
        ["POST /api/v1/admin/api-keys/"] =                                            "401  403   403   403    403   403   403   403   403     ok     ok     401     403     403",
        ["POST /api/v1/admin/api-keys/{id:guid}/revoke"] =                            "401  403   403   403    403   403   403   403   403     404    404    401     403     403",
        // People: an admin person or key; the person changed here is new, so admins are told 404; an empty invitation is refused (400).
        ["GET /api/v1/admin/users/"] =                                                "401  403   403   403    403   403   403   403   403     ok     ok     401     403     403",
        ["POST /api/v1/admin/users/"] =                                               "401  403   403   403    403   403   403   403   403     ok     ok     401     403     403",
        ["PUT /api/v1/admin/users/{id}/roles"] =                                      "401  403   403   403    403   403   403   403   403     404    404    401     403     403",
        ["POST /api/v1/admin/users/{id}/lock"] =                                      "401  403   403   403    403   403   403   403   403     404    404    401     403     403",
        ["POST /api/v1/admin/users/{id}/unlock"] =                                    "401  403   403   403    403   403   403   403   403     404    404    401     403     403",
        ["POST /api/v1/admin/users/{id}/invitation"] =                                "401  403   403   403    403   403   403   403   403     404    404    401     403     403",
        // Demo clock: this world is not in demo mode, so admins are told there is none.
        ["GET /api/v1/admin/demo-clock/"] =                                           "401  403   403   403    403   403   403   403   403     404    404    401     403     403",
        ["POST /api/v1/admin/demo-clock/advance"] =                                   "401  403   403   403    403   403   403   403   403     404    404    401     403     403",
        // Risk: only a key with the risk scope, which none of the columns holds.
        ["POST /api/v1/risk/score"] =                                                 "401  401   401   401    403   403   401   401   401     401    403    401     403     403",
        // Fraud cases: people in the fraud-specialist or admin role, by cookie only (keys are told 401). The case is
        // held by the fraud specialist; the bodies sent decide nothing (400), and no file is kept on it (404).
        ["GET /api/v1/fraud/cases/"] =                                                "401  403   403   403    401   401   403   ok    403     ok     401    401     401     401",
        ["POST /api/v1/fraud/cases/"] =                                               "401  403   403   403    401   401   403   ok    403     ok     401    401     401     401",
        ["GET /api/v1/fraud/cases/{id:guid}"] =                                       "401  403   403   403    401   401   403   ok    403     ok     401    401     401     401",
        ["GET /api/v1/fraud/cases/{id:guid}/files/{entryId:guid}"] =                  "401  403   403   403    401   401   403   404   403     404    401    401     401     401",
        ["POST /api/v1/fraud/cases/{id:guid}/assignment"] =                           "401  403   403   403    401   401   403   ok    403     ok     401    401     401     401",
        ["POST /api/v1/fraud/cases/{id:guid}/close"] =                                "401  403   403   403    401   401   403   ok    403     ok     401    401     401     401",
        ["POST /api/v1/fraud/cases/{id:guid}/decision"] =                             "401  403   403   403    401   401   403   ok    403     ok     401    401     401     401",
        ["POST /api/v1/fraud/cases/{id:guid}/evidence"] =                             "401  403   403   403    401   401   403   ok    403     ok     401    401     401     401",
        ["POST /api/v1/fraud/cases/{id:guid}/evidence/files"] =                       "401  403   403   403    401   401   403   ok    403     ok     401    401     401     401",
        ["POST /api/v1/fraud/cases/{id:guid}/notes"] =                                "401  403   403   403    401   401   403   ok    403     ok     401    401     401     401",
        ["POST /api/v1/fraud/cases/{id:guid}/recoveries"] =                           "401  403   403   403    401   401   403   ok    403     ok     401    401     401     401",
        ["POST /api/v1/fraud/cases/{id:guid}/start"] =                                "401  403   403   403    401   401   403   ok    403     ok     401    401     401     401",
        // Link analysis: the same people as the cases. No ring exists in this world, so those who may ask about one are told 404.
        ["GET /api/v1/fraud/cases/{id:guid}/links"] =                                 "401  403   403   403    401   401   403   ok    403     ok     401    401     401     401",
        ["GET /api/v1/fraud/rings/"] =                                                "401  403   403   403    401   401   403   ok    403     ok     401    401     401     401",
        ["GET /api/v1/fraud/rings/{id:guid}"] =                                       "401  403   403   403    401   401   403   404   403     404    401    401     401     401",
        ["POST /api/v1/fraud/rings/detection"] =                                      "401  403   403   403    401   401   403   ok    403     ok     401    401     401     401",
        ["POST /api/v1/fraud/rings/{id:guid}/case"] =                                 "401  403   403   403    401   401   403   404   403     404    401    401     401     401",
        ["GET /api/v1/fraud/specialists"] =                                           "401  403   403   403    401   401   403   ok    403     ok     401    401     401     401",
        // Fraud rules: fraud specialists and analysts only (keys hold no role); no rule exists in this world, so
        // acting on one is 404, and a draft, a backtest or a snooze with an empty body is refused by field (400).
        ["GET /api/v1/fraud/rules/"] =                                                "401  403   403   403    403   403   403   ok    ok      403    403    401     403     403",
        ["POST /api/v1/fraud/rules/"] =                                               "401  403   403   403    403   403   403   ok    ok      403    403    401     403     403",
        ["GET /api/v1/fraud/rules/{id:guid}"] =                                       "401  403   403   403    403   403   403   404   404     403    403    401     403     403",
        ["POST /api/v1/fraud/rules/backtest"] =                                       "401  403   403   403    403   403   403   ok    ok      403    403    401     403     403",
        ["POST /api/v1/fraud/rules/{id:guid}/submission"] =                           "401  403   403   403    403   403   403   404   404     403    403    401     403     403",
        ["POST /api/v1/fraud/rules/{id:guid}/approval"] =                             "401  403   403   403    403   403   403   404   404     403    403    401     403     403",
        ["POST /api/v1/fraud/rules/{id:guid}/rejection"] =                            "401  403   403   403    403   403   403   404   404     403    403    401     403     403",
        ["POST /api/v1/fraud/rules/{id:guid}/disabling"] =                            "401  403   403   403    403   403   403   404   404     403    403    401     403     403",
        ["POST /api/v1/fraud/rules/{id:guid}/snoozes"] =                              "401  403   403   403    403   403   403   ok    ok      403    403    401     403     403",
        ["GET /api/v1/fraud/rules/snoozes"] =                                         "401  403   403   403    403   403   403   ok    ok      403    403    401     403     403",
        ["POST /api/v1/fraud/rules/snoozes/{snoozeId:guid}/end"] =                    "401  403   403   403    403   403   403   404   404     403    403    401     403     403",
        ["GET /api/v1/fraud/trends"] =                                                "401  403   403   403    403   403   403   ok    ok      403    403    401     403     403",
        ["GET /api/v1/fraud/trends.csv"] =                                            "401  403   403   403    403   403   403   ok    ok      403    403    401     403     403",
        // Analytics: analysts and admins (person or key); the CSV without a chart is refused by field (400).
        ["GET /api/v1/analytics/volumes"] =                                           "401  403   403   403    403   403   403   403   ok      ok     ok     401     403     403",
        ["GET /api/v1/analytics/volumes.csv"] =                                       "401  403   403   403    403   403   403   403   ok      ok     ok     401     403     403",
        ["GET /api/v1/analytics/orders"] =                                            "401  403   403   403    403   403   403   403   ok      ok     ok     401     403     403",
        // Privacy: admins get through erasure and are refused 409 (A's dispute is open); the shopper's export names no
        // id, so each shopper gets their own archive (DataRightsTests checks whose).
        ["POST /api/v1/admin/customers/{id:guid}/erasure"] =                          "401  403   403   403    403   403   403   403   403     ok     ok     401     403     403",
        ["GET /api/v1/admin/customers/{id:guid}/export"] =                            "401  403   403   403    403   403   403   403   403     ok     ok     401     403     403",
        ["GET /api/v1/shopper/data-export"] =                                         "401  ok    ok    403    401   401   403   403   403     403    401    401     401     401",
    };

    /// <summary>The order the cells run in: strangers first and owners last, so nothing one allowed caller changes hides the others' answers.</summary>
    private static readonly Credential[] RunOrder =
    [
        Credential.Anonymous, Credential.RevokedKey, Credential.KeyWithoutScope, Credential.ShopperB, Credential.MerchantKeyB, Credential.FraudSpecialist,
        Credential.Analyst, Credential.MerchantUserA, Credential.Agent, Credential.AdminUser, Credential.AdminKey, Credential.IngestKey, Credential.MerchantKeyA, Credential.ShopperA,
    ];

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Every_operation_answers_every_kind_of_caller_as_the_table_says(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Ombud:Webhooks:AllowHttp"] = "true",
            ["Ombud:Webhooks:AllowPrivateNetworks"] = "true",
        });
        var world = await AuthorisationWorld.CreateAsync(app);
        var operations = Operations(app);

        var missing = operations.Where(o => !Expected.ContainsKey(o)).ToList();
        var gone = Expected.Keys.Where(k => !operations.Contains(k)).ToList();
        var failures = new List<string>();
        var observed = new StringBuilder();
        foreach (var operation in operations.OrderBy(RunsLate).ThenBy(o => o, StringComparer.Ordinal))
        {
            var expected = Expected.TryGetValue(operation, out var row) ? row.Split(' ', StringSplitOptions.RemoveEmptyEntries) : null;
            Assert.True(expected is null || expected.Length == Enum.GetValues<Credential>().Length, $"{operation}: the row needs one cell per column ({Columns})");
            var cells = new Dictionary<Credential, string>();
            foreach (var credential in RunOrder)
            {
                using var request = Request(operation, world);
                var response = await world.Client(credential).SendAsync(request);
                var status = (int)response.StatusCode;
                var cell = status switch
                {
                    401 or 403 or 404 => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    >= 500 => $"5xx({status})",
                    _ => "ok",
                };
                cells[credential] = cell;
                var want = expected?[(int)credential];
                if (want is not null && want != cell)
                {
                    failures.Add($"{operation} as {credential}: expected {want}, got {status} {Shorten(await response.Content.ReadAsStringAsync())}");
                }
            }

            observed.Append("        [\"").Append(operation).Append("\"] = \"")
                .Append(string.Join(' ', Enum.GetValues<Credential>().Select(c => cells[c]))).AppendLine("\",");
        }

        Assert.True(missing.Count == 0 && gone.Count == 0 && failures.Count == 0,
            (missing.Count > 0 ? $"Operations the table does not list (add a row for each):\n  {string.Join("\n  ", missing)}\n" : "")
            + (gone.Count > 0 ? $"Rows for operations the app no longer maps:\n  {string.Join("\n  ", gone)}\n" : "")
            + (failures.Count > 0 ? $"Cells that differ:\n  {string.Join("\n  ", failures)}\n" : "")
            + $"Observed ({Columns}):\n{observed}");
    }

    /// <summary>"METHOD /route/pattern" of every API endpoint the running app maps.</summary>
    private static List<string> Operations(OmbudTestApp app) =>
    [
        .. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct(StringComparer.Ordinal),
    ];

    /// <summary>Deleting and erasing run after everything else, so the things they remove are there for the others.</summary>
    private static int RunsLate(string operation) =>
        operation.StartsWith("DELETE ", StringComparison.Ordinal) || operation.EndsWith("/erasure", StringComparison.Ordinal) ? 1 : 0;

    private static HttpRequestMessage Request(string operation, AuthorisationWorld world)
    {
        var (method, template) = (operation[..operation.IndexOf(' ', StringComparison.Ordinal)], operation[(operation.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var path = string.Join('/', template.Split('/').Select(segment => segment.StartsWith('{') ? Value(segment, template, world) : segment));
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method is "POST" or "PUT")
        {
            request.Content = Body(template, world);
        }

        return request;
    }

    /// <summary>A's id for the thing a route parameter names, read from the route around it.</summary>
    private static string Value(string segment, string template, AuthorisationWorld world)
    {
        var name = segment.Trim('{', '}').Split(':')[0];
        string Id(string thing) => world.Ids[thing];
        return name switch
        {
            "fileId" => Id("file"),
            "skill" => "payments",
            "subscriber" => "no-such-subscriber",
            "kind" => "no-such-kind",
            "entityId" => "nothing",
            "agentId" => Guid.NewGuid().ToString(),
            "id" when template.Contains("/disputes", StringComparison.Ordinal) => Id("dispute"),
            "id" when template.StartsWith("/api/v1/fraud/cases", StringComparison.Ordinal) => Id("case"),
            "id" when template.Contains("/plans/", StringComparison.Ordinal) => Id("plan"),
            "id" when template.StartsWith("/api/v1/staff/customers", StringComparison.Ordinal) => Id("customer"),
            "id" when template.Contains("/conversations", StringComparison.Ordinal) => Id("conversation"),
            "id" when template.Contains("/webhooks/endpoints", StringComparison.Ordinal) => Id("endpoint"),
            "id" when template.StartsWith("/api/v1/customers", StringComparison.Ordinal) || template.StartsWith("/api/v1/admin/customers", StringComparison.Ordinal) => Id("customer"),
            "id" when template.StartsWith("/api/v1/merchants", StringComparison.Ordinal) => Id("merchant"),
            "id" when template.StartsWith("/api/v1/orders", StringComparison.Ordinal) || template.StartsWith("/api/v1/merchant/orders", StringComparison.Ordinal) => Id("order"),
            "id" when template.StartsWith("/api/v1/payments", StringComparison.Ordinal) => Id("payment"),
            "id" when template.StartsWith("/api/v1/refunds", StringComparison.Ordinal) => Id("refund"),
            // Offers and webhook deliveries: none in this world.
            _ => Guid.NewGuid().ToString(),
        };
    }

    /// <summary>A body the operation would take from its rightful caller, so a stranger's answer is about who they are, not what they sent.</summary>
    private static HttpContent Body(string template, AuthorisationWorld world)
    {
        if (template.EndsWith("/information", StringComparison.Ordinal)
            || (template.EndsWith("/evidence", StringComparison.Ordinal) && !template.StartsWith("/api/v1/fraud/", StringComparison.Ordinal)))
        {
            return DisputeParties.Form(new Dictionary<string, string> { ["text"] = "Here is what happened." }, EvidenceSample.Pdf());
        }

        // A case's file evidence: the link is refused (400), so nothing is kept.
        if (template.StartsWith("/api/v1/fraud/cases", StringComparison.Ordinal) && template.EndsWith("/evidence/files", StringComparison.Ordinal))
        {
            return DisputeParties.Form(new Dictionary<string, string> { ["text"] = "A screenshot of the post", ["link"] = "not a link" }, EvidenceSample.Pdf());
        }

        // A group's root is mapped with a trailing slash ("/api/v1/shopper/disputes/").
        var json = template.TrimEnd('/') switch
        {
            "/api/v1/shopper/disputes" => $$"""{"orderId":"{{world.Ids["order"]}}","reason":"other","description":"Not right"}""",
            "/api/v1/staff/high-risk" => $$"""{"orderId":"{{world.Ids["order"]}}","description":"Known drop address"}""",
            _ when template.EndsWith("/return", StringComparison.Ordinal) => """{"carrier":"PostNord","trackingNumber":"PN-1"}""",
            _ when template.EndsWith("/decision", StringComparison.Ordinal) => """{"winner":"shopper","detail":"merchantDidNotReply","explanation":"No answer."}""",
            _ when template.EndsWith("/appeal", StringComparison.Ordinal) => """{"text":"We delivered it."}""",
            _ when template.EndsWith("/disputes/{id:guid}/refunds", StringComparison.Ordinal) => """{"amount":100,"message":"Sorry, here is part of it."}""",
            _ when template.EndsWith("/messages", StringComparison.Ordinal) => $$"""{"clientMessageId":"{{Guid.NewGuid()}}","text":"Where is my parcel?"}""",
            _ when template.EndsWith("/handoff", StringComparison.Ordinal) => $$"""{"clientMessageId":"{{Guid.NewGuid()}}"}""",
            _ when template.EndsWith("/certification", StringComparison.Ordinal) => """{"level":3}""",
            _ when template.EndsWith("/csat", StringComparison.Ordinal) => """{"score":4}""",
            _ when template.EndsWith("/surge-calls", StringComparison.Ordinal) => """{"optedIn":true}""",
            // A case's external evidence is JSON; this link is refused (400), so nothing is added.
            _ when template.StartsWith("/api/v1/fraud/cases", StringComparison.Ordinal) && template.EndsWith("/evidence", StringComparison.Ordinal) =>
                """{"text":"A post","link":"not a link"}""",
            _ when template.StartsWith("/api/v1/me/plans", StringComparison.Ordinal) => """{"kind":"extendDueDate","acceptedCost":0}""",
            _ when template.EndsWith("/collection-withdrawal", StringComparison.Ordinal) => """{"reason":"The shopper paid."}""",
            _ when template.EndsWith("/resolution", StringComparison.Ordinal) => """{"resolution":"Agreed a breathing space."}""",
            _ when template.StartsWith("/api/v1/webhooks/endpoints", StringComparison.Ordinal) => """{"url":"http://127.0.0.1:9/other"}""",
            _ => "{}",
        };
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static string Shorten(string body) => body.Length <= 200 ? body : body[..200] + "…";
}
