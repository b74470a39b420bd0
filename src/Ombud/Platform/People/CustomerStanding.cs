using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ombud.Platform.People;

/// <summary>
/// What a module holds against a customer's good standing (a plan overdue, a dispute found to be the shopper's own
/// fraud, an open fraud case …). Each module answers from its own tables in its <c>Contracts</c> folder; a module that
/// asks (the marketplace, before a shopper becomes an agent) reads every registered part through
/// <see cref="CustomerStanding"/> and never another module's tables.
/// </summary>
public interface ICustomerStandingPart
{
    /// <summary>The reasons, in words for the shopper, that the customer is not in good standing; empty when there are none.</summary>
    Task<IReadOnlyList<string>> ReasonsAsync(Guid customerId, CancellationToken ct);
}

/// <summary>A customer's good standing, asked of every module that holds something about it.</summary>
public sealed class CustomerStanding(IEnumerable<ICustomerStandingPart> parts)
{
    /// <summary>Every reason any module gives; empty: in good standing.</summary>
    public async Task<IReadOnlyList<string>> ReasonsAsync(Guid customerId, CancellationToken ct)
    {
        var reasons = new List<string>();
        foreach (var part in parts)
        {
            reasons.AddRange(await part.ReasonsAsync(customerId, ct));
        }

        return reasons;
    }
}

public static class CustomerStandingSetup
{
    /// <summary>The one way a module says what it holds against a customer's standing.</summary>
    public static IServiceCollection AddCustomerStandingPart<TPart>(this IServiceCollection services)
        where TPart : class, ICustomerStandingPart
    {
        services.TryAddScoped<CustomerStanding>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICustomerStandingPart, TPart>());
        return services;
    }
}
