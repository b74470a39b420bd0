using Ombud.Platform.Privacy;
using Ombud.Platform.Storage;
using Ombud.Platform.Timers;

namespace Ombud.Platform.Mail;

/// <summary>E-mail through an SMTP server (MailKit), from a durable outbox sent on the durable timers.</summary>
internal static class MailSetup
{
    public static void AddMail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MailOptions>().Bind(builder.Configuration.GetSection(MailOptions.Section))
            .Validate(o => o.MaxAttempts >= 1 && o.FirstRetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.FirstRetryDelay
                           && o.Smtp.Port is > 0 and <= 65535 && o.Smtp.Timeout > TimeSpan.Zero,
                $"{MailOptions.Section}: MaxAttempts, FirstRetryDelay, MaxRetryDelay (not below FirstRetryDelay), Smtp:Port and Smtp:Timeout must be positive.")
            .ValidateOnStart();
        services.AddScoped<MailOutbox>();
        services.AddSingleton<SmtpMailer>();
        services.AddTimer<MailSending>(MailSending.Kind, WorkCommit.Outside);
        services.AddRetentionRule<MailRetention>();
    }

    public static void MapMail(this IEndpointRouteBuilder app) => app.MapMailApi();
}
