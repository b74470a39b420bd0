using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Webhooks;

/// <summary>
/// The use cases of an owner's endpoints: register, read, change, remove, rotate the secret. Each change is audited
/// (never with the secret) and saved with its audit entry as one <see cref="UnitOfWork"/>; a refused request saves nothing.
/// </summary>
/// <remarks>
/// Registration and rotation take no Idempotency-Key on purpose: the idempotency store keeps the response body, and
/// here that body holds the secret in the clear. A client that lost the answer to a registration deletes the extra
/// endpoint; one that lost a rotated secret rotates again.
/// </remarks>
public sealed class WebhookEndpointRegistry(OmbudDb db, UnitOfWork unitOfWork, WebhookSecrets secrets, WebhookSources sources, AuditLog audit,
    IOptions<WebhookOptions> options, TimeProvider clock)
{
    private const string ClashSubject = "The webhook endpoint";

    private const int MaxDescription = 500;
    private const int MaxEventTypes = 50;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<Outcome<WebhookEndpointCreated>> RegisterAsync(WebhookOwner owner, WebhookEndpointRequest request, CancellationToken ct) =>
        unitOfWork.RunAsync(_ => Task.FromResult(Register(owner, request)), ct, ClashSubject);

    private Outcome<WebhookEndpointCreated> Register(WebhookOwner owner, WebhookEndpointRequest request)
    {
        if (Check(request) is { } invalid)
        {
            return invalid;
        }

        var (secret, protectedSecret) = secrets.New();
        var endpoint = new WebhookEndpoint(Guid.CreateVersion7(Now), owner.MerchantId, request.Url!.Trim(), request.Description,
            request.EventTypes ?? [], request.Enabled ?? true, protectedSecret, Now);
        db.Add(endpoint);
        audit.Record(owner.Actor, "webhook.endpoint-registered", Subject(endpoint), Describe(endpoint));
        return new WebhookEndpointCreated(endpoint.Id, endpoint.Url, endpoint.Description, endpoint.EventTypeList, endpoint.Enabled,
            endpoint.CreatedAt, secret);
    }

    public async Task<IReadOnlyList<WebhookEndpointResponse>> ListAsync(WebhookOwner owner, CancellationToken ct) =>
        (await db.Set<WebhookEndpoint>().AsNoTracking().Where(e => e.MerchantId == owner.MerchantId).OrderBy(e => e.Id).ToListAsync(ct))
        .Select(WebhookEndpointResponse.From).ToList();

    public async Task<Outcome<WebhookEndpointResponse>> GetAsync(WebhookOwner owner, Guid id, CancellationToken ct) =>
        await FindAsync(owner, id, ct) is { } endpoint ? WebhookEndpointResponse.From(endpoint) : Missing(id);

    public Task<Outcome<WebhookEndpointResponse>> ChangeAsync(WebhookOwner owner, Guid id, WebhookEndpointRequest request, CancellationToken ct) =>
        unitOfWork.RunAsync(token => ChangeOnceAsync(owner, id, request, token), ct, ClashSubject);

    private async Task<Outcome<WebhookEndpointResponse>> ChangeOnceAsync(WebhookOwner owner, Guid id, WebhookEndpointRequest request, CancellationToken ct)
    {
        if (await FindAsync(owner, id, ct) is not { } endpoint)
        {
            return Missing(id);
        }

        if (Check(request) is { } invalid)
        {
            return invalid;
        }

        endpoint.Change(request.Url!.Trim(), request.Description, request.EventTypes ?? [], request.Enabled ?? true, Now);
        audit.Record(owner.Actor, "webhook.endpoint-changed", Subject(endpoint), Describe(endpoint));
        return WebhookEndpointResponse.From(endpoint);
    }

    /// <summary>Removes the endpoint with its delivery log; pending deliveries to it are never sent.</summary>
    public Task<Outcome<bool>> RemoveAsync(WebhookOwner owner, Guid id, CancellationToken ct) =>
        unitOfWork.RunAsync(token => RemoveOnceAsync(owner, id, token), ct, ClashSubject);

    private async Task<Outcome<bool>> RemoveOnceAsync(WebhookOwner owner, Guid id, CancellationToken ct)
    {
        if (await FindAsync(owner, id, ct) is not { } endpoint)
        {
            return Missing(id);
        }

        db.Remove(endpoint);
        audit.Record(owner.Actor, "webhook.endpoint-removed", Subject(endpoint), Describe(endpoint));
        return true;
    }

    public Task<Outcome<WebhookSecretRotated>> RotateSecretAsync(WebhookOwner owner, Guid id, CancellationToken ct) =>
        unitOfWork.RunAsync(token => RotateSecretOnceAsync(owner, id, token), ct, ClashSubject);

    private async Task<Outcome<WebhookSecretRotated>> RotateSecretOnceAsync(WebhookOwner owner, Guid id, CancellationToken ct)
    {
        if (await FindAsync(owner, id, ct) is not { } endpoint)
        {
            return Missing(id);
        }

        var (secret, protectedSecret) = secrets.New();
        var overlapEnds = Now + options.Value.RotationOverlap;
        endpoint.RotateSecret(protectedSecret, Now, overlapEnds);
        audit.Record(owner.Actor, "webhook.secret-rotated", Subject(endpoint), $"previous secret valid until {overlapEnds:O}");
        return new WebhookSecretRotated(endpoint.Id, secret, overlapEnds);
    }

    private Task<WebhookEndpoint?> FindAsync(WebhookOwner owner, Guid id, CancellationToken ct) =>
        db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == id && e.MerchantId == owner.MerchantId, ct);

    private Invalid? Check(WebhookEndpointRequest request)
    {
        var v = new Validation().Optional("description", request.Description, MaxDescription);
        if (WebhookUrl.Problem(request.Url, options.Value) is { } problem)
        {
            v.Add("url", problem);
        }

        var types = request.EventTypes ?? [];
        if (types.Length > MaxEventTypes)
        {
            v.Add("eventTypes", $"At most {MaxEventTypes} event types; leave it out to receive all.");
        }

        for (var i = 0; i < types.Length; i++)
        {
            if (!sources.IsKnown(types[i] ?? ""))
            {
                v.Add($"eventTypes[{i}]", $"'{types[i]}' is not an event type. Known: {string.Join(", ", sources.EventTypes.Order(StringComparer.Ordinal))}.");
            }
        }

        return v.IsValid ? null : v.ToError();
    }

    private static NotFound Missing(Guid id) => new("webhook endpoint", id.ToString());

    private static string Subject(WebhookEndpoint endpoint) => $"webhook-endpoint:{endpoint.Id}";

    private static string Describe(WebhookEndpoint endpoint)
    {
        var detail = $"owner={(endpoint.MerchantId is { } m ? $"merchant:{m}" : "provider")}; enabled={endpoint.Enabled}; "
                     + $"types={(endpoint.EventTypes.Length == 0 ? "all" : endpoint.EventTypes)}; url={endpoint.Url}";
        // The audit log's detail column holds 2,000 characters; a long URL is cut, not refused.
        return detail.Length > 2000 ? detail[..2000] : detail;
    }
}
