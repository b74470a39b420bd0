using Ombud.Platform.Events;
using Ombud.Platform.Timers;

namespace Ombud.Platform.Privacy;

/// <summary>Data rights (export, erasure) and retention timers; the modules add their holders and rules.</summary>
internal static class PrivacySetup
{
    public static void AddPrivacy(this WebApplicationBuilder builder, HostSettings settings)
    {
        var services = builder.Services;
        services.AddOptions<PrivacyOptions>().Bind(builder.Configuration.GetSection(PrivacyOptions.Section))
            .Validate(o => o.KeepFinancialYears >= 1 && o.ConversationDays >= 1 && o.EvidenceDays >= 1 && o.MailDays >= 1 && o.SweepHours >= 1,
                $"{PrivacyOptions.Section}: KeepFinancialYears, ConversationDays, EvidenceDays, MailDays and SweepHours are at least 1.")
            .ValidateOnStart();
        services.AddScoped<CustomerExport>();
        services.AddScoped<CustomerErasure>();
        services.AddCustomerDataHolder<AccountCustomerData>();
        services.AddPrivacyPolicies();
        services.AddTimer<RetentionTimer>(RetentionTimer.Kind);
        if (builder.Configuration.GetSection(EventOptions.Section).GetValue<bool?>(nameof(EventOptions.RunInBackground)) ?? !settings.IsCommand)
        {
            services.AddHostedService<RetentionTimers>();
        }
    }
}
