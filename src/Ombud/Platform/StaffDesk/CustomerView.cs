using Microsoft.Extensions.DependencyInjection.Extensions;
using Ombud.Platform.Audit;

namespace Ombud.Platform.StaffDesk;

/// <summary>
/// What a module shows staff about one customer (orders, disputes, conversations…). Each module implements it in its
/// own <c>Contracts</c> folder over its own tables; the staff desk (<see cref="CustomerView"/>) asks every registered
/// part and never reads a module's tables itself, as the privacy desk does with <see cref="Privacy.ICustomerDataHolder"/>.
/// </summary>
public interface ICustomerViewPart
{
    /// <summary>The module's sections for <paramref name="customerId"/> (section name → records); null when it holds nothing about them.</summary>
    Task<IReadOnlyDictionary<string, object>?> ReadAsync(Guid customerId, CancellationToken ct);
}

/// <summary>One customer as staff see them: every module's sections, and who has looked at them before.</summary>
public sealed record CustomerCard(Guid CustomerId, IReadOnlyDictionary<string, object> Sections, IReadOnlyList<CustomerRead> Reads);

/// <summary>One earlier look at a customer's data, from the audit log.</summary>
public sealed record CustomerRead(DateTime At, string Actor, string Action, string? Detail);

/// <summary>
/// The staff desk's customer view: gathers the modules' parts and writes every look into the audit log
/// (<see cref="Viewed"/>), from the API and the page alike.
/// </summary>
public sealed class CustomerView(IEnumerable<ICustomerViewPart> parts, AuditTrail trail, AuditLog audit)
{
    public const string Viewed = "customer.viewed";

    /// <summary>The subject the audit log files a customer's entries under.</summary>
    public static string Subject(Guid customerId) => $"customer:{customerId}";

    public async Task<Outcome<CustomerCard>> ReadAsync(Guid customerId, string actor, string how, CancellationToken ct)
    {
        var sections = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            if (await part.ReadAsync(customerId, ct) is { } found)
            {
                foreach (var (name, records) in found)
                {
                    sections[name] = records;
                }
            }
        }

        if (sections.Count == 0)
        {
            return new NotFound("customer", customerId.ToString());
        }

        var reads = await ReadsAsync(customerId, ct);
        await RecordAsync(customerId, actor, how, ct);
        return new CustomerCard(customerId, sections, reads);
    }

    /// <summary>Writes one look at the customer into the audit log, e.g. "on the page".</summary>
    public Task RecordAsync(Guid customerId, string actor, string how, CancellationToken ct) =>
        audit.RecordAloneAsync(actor, Viewed, Subject(customerId), how, ct);

    /// <summary>The latest reads of the customer's data by anyone (views, exports, an agent's look beside a chat), newest first.</summary>
    public async Task<IReadOnlyList<CustomerRead>> ReadsAsync(Guid customerId, CancellationToken ct) =>
        [.. (await trail.ReadsOfAsync(Subject(customerId), 50, ct)).Select(e => new CustomerRead(e.At, e.Actor, e.Action, e.Detail))];
}

public static class CustomerViewSetup
{
    /// <summary>The one way a module shows what it holds about a customer to staff.</summary>
    public static IServiceCollection AddCustomerViewPart<TPart>(this IServiceCollection services)
        where TPart : class, ICustomerViewPart
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICustomerViewPart, TPart>());
        return services;
    }
}
