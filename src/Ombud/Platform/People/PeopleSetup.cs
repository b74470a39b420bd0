namespace Ombud.Platform.People;

/// <summary>Inviting people and managing their access (<c>Ombud:People</c>).</summary>
internal static class PeopleSetup
{
    public static void AddPeople(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<PeopleOptions>(builder.Configuration.GetSection(PeopleOptions.Section));
        builder.Services.AddScoped<PeopleDirectory>();
        builder.Services.AddScoped<Invitations>();
        builder.Services.AddScoped<InvitationMail>();
        builder.Services.AddScoped<AccessChanges>();
        builder.Services.AddScoped<CustomerStanding>();
    }
}
