using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Ombud.Platform.Timers;

namespace Ombud.Platform.Privacy;

/// <summary>
/// A kind of record that is kept only so long (conversations after they end, evidence after its dispute closes). The
/// owning module implements it over its own tables; <see cref="RetentionTimer"/> fires it as a durable timer, so any
/// node runs it, once, and it survives restarts.
/// </summary>
public interface IRetentionRule
{
    /// <summary>The timer's entity id, e.g. <c>conversations</c>.</summary>
    string Name { get; }

    /// <summary>Stages the removal of one batch of records past their time (the rule picks a batch that keeps the transaction short).</summary>
    Task<RetentionPass> ApplyAsync(DateTime now, CancellationToken ct);
}

/// <summary>What one firing removed, and whether more was waiting beyond its batch.</summary>
public sealed record RetentionPass(int Removed, bool More);

/// <summary>Fires one retention rule (its name is the timer's entity id) and sets its timer again.</summary>
internal sealed partial class RetentionTimer(IEnumerable<IRetentionRule> rules, TimerSchedule timers, TimeProvider clock, IOptions<PrivacyOptions> options,
    ILogger<RetentionTimer> logger) : ITimerHandler
{
    public const string Kind = "privacy.retention";

    public async Task<bool> FireAsync(DueTimer timer, CancellationToken ct)
    {
        var rule = rules.SingleOrDefault(r => r.Name == timer.EntityId);
        if (rule is null)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var pass = await rule.ApplyAsync(now, ct);
        LogApplied(logger, rule.Name, pass.Removed);
        // More waiting fires again in a minute, so no one transaction grows long.
        var next = pass.More ? TimeSpan.FromMinutes(1) : TimeSpan.FromHours(Math.Max(1, options.Value.SweepHours));
        await timers.ScheduleAsync(Kind, rule.Name, now + next, ct);
        return pass.Removed > 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention {Rule}: removed the text of {Count} records past their time")]
    private static partial void LogApplied(ILogger logger, string rule, int count);
}

public static class RetentionSetup
{
    /// <summary>The one way a module adds a retention rule; its timer is set on the first start (<see cref="RetentionTimers"/>).</summary>
    public static IServiceCollection AddRetentionRule<TRule>(this IServiceCollection services)
        where TRule : class, IRetentionRule
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IRetentionRule, TRule>());
        return services;
    }
}
