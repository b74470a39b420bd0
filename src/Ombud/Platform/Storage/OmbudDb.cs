using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Platform.Idempotency;

namespace Ombud.Platform.Storage;

/// <summary>
/// The one unit of work of Ombud. Modules add their entities through <see cref="IEntityTypeConfiguration{T}"/> classes
/// in their own folders, found by assembly scan, so Platform never names a business type; one context keeps a
/// change and its audit entry or domain event in one transaction.
/// </summary>
public abstract class OmbudDb(DbContextOptions options) : IdentityDbContext<OmbudUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect sign-in cookies and antiforgery tokens, shared so any node can read any node's cookie.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(OmbudDb).Assembly, t => !t.IsAbstract);
        RenameIdentityTables(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL, and reordering members cannot corrupt data.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    private static void RenameIdentityTables(ModelBuilder builder)
    {
        builder.Entity<OmbudUser>().ToTable("platform_users");
        builder.Entity<IdentityRole>().ToTable("platform_roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("platform_user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("platform_user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("platform_user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("platform_user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("platform_role_claims");
        builder.Entity<DataProtectionKey>().ToTable("platform_data_protection_keys");
    }
}

/// <summary>The embedded default. Exists as its own type so each provider has its own migration set.</summary>
public sealed class SqliteOmbudDb(DbContextOptions<SqliteOmbudDb> options) : OmbudDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite keeps times as text without a zone; every time Ombud stores is UTC, so it reads them back as UTC, as
        // PostgreSQL's timestamptz does. An answer read back (an idempotent replay) is then the answer once given.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcOnRead>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcOnRead>();
    }

    private sealed class UtcOnRead() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        at => at, at => DateTime.SpecifyKind(at, DateTimeKind.Utc));
}

public sealed class PostgresOmbudDb(DbContextOptions<PostgresOmbudDb> options) : OmbudDb(options);
