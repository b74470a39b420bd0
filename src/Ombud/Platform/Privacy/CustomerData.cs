using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ombud.Platform.Privacy;

/// <summary>
/// What a module holds about one customer, and how it forgets them. Each module that keeps a customer's data
/// implements it in its own <c>Contracts</c> folder over its own tables; the privacy desk (<see cref="CustomerExport"/>,
/// <see cref="CustomerErasure"/>) asks every registered holder and never reads a module's tables itself.
/// </summary>
public interface ICustomerDataHolder
{
    /// <summary>The module's name, used as the archive's section prefix and in audit details, e.g. <c>commerce</c>.</summary>
    string Module { get; }

    /// <summary>Everything the module holds for <paramref name="customerId"/>; null when it does not know the customer.</summary>
    Task<CustomerDataPart> ExportAsync(Guid customerId, CancellationToken ct);

    /// <summary>Why the customer may not be erased yet (an open dispute, an unpaid balance); null when nothing here stands in the way.</summary>
    Task<string?> ErasureBlockerAsync(Guid customerId, CancellationToken ct);

    /// <summary>
    /// Stages the pseudonymisation of the customer's data inside the caller's unit of work: identifying and free text
    /// replaced, files emptied; amounts, dates and ids kept so balances and the ledger still reconcile. Returns how many
    /// records were touched and how the audit log names them, so the audit details about them (which may quote what
    /// was written) go too.
    /// </summary>
    Task<ErasedRecords> EraseAsync(CustomerErasureScope scope, CancellationToken ct);
}

/// <summary>A module's share of an export: named record lists (serialised as JSON as they are) and files for the archive's <c>files/</c>.</summary>
/// <param name="Sections">Section name → records, e.g. <c>orders</c> → the customer's orders.</param>
/// <param name="Files">Path inside <c>files/</c> → bytes.</param>
/// <param name="AuditSubjects">The records exported as the audit log names them (<c>dispute:…</c>), so the entries about them, reads included, go in too.</param>
public sealed record CustomerDataPart(
    IReadOnlyDictionary<string, object> Sections,
    IReadOnlyDictionary<string, byte[]> Files,
    IReadOnlyCollection<string> AuditSubjects)
{
    public static CustomerDataPart Empty { get; } = new(new Dictionary<string, object>(), new Dictionary<string, byte[]>(), []);
}

/// <summary>What a module's erasure touched: how many records, and their audit subjects (<c>dispute:…</c>).</summary>
public sealed record ErasedRecords(int Count, IReadOnlyCollection<string> AuditSubjects)
{
    public static ErasedRecords None { get; } = new(0, []);
}

/// <summary>Whom to erase and what to put in place of their data.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Pseudonym">What replaces their name, e.g. <c>erased-3f2a…</c>; never derived from the name.</param>
/// <param name="ErasedAt">When; kept on the records that record it.</param>
public sealed record CustomerErasureScope(Guid CustomerId, string Pseudonym, DateTime ErasedAt)
{
    /// <summary>The text that stands for removed free text (a message, a note, a description).</summary>
    public const string Removed = "[erased]";

    /// <summary>An e-mail address that reaches no one and is unique per customer.</summary>
    public string Email => $"{Pseudonym}@erased.invalid";
}

public static class CustomerDataSetup
{
    /// <summary>The one way a module offers its customer data to export and erasure.</summary>
    public static IServiceCollection AddCustomerDataHolder<THolder>(this IServiceCollection services)
        where THolder : class, ICustomerDataHolder
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICustomerDataHolder, THolder>());
        return services;
    }
}
