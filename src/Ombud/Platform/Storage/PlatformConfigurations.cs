using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Platform.Idempotency;

namespace Ombud.Platform.Storage;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("platform_api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Lookup).HasMaxLength(40);
        builder.Property(k => k.Hash).HasMaxLength(64);
        builder.Property(k => k.Scopes).HasMaxLength(1000);
        builder.HasIndex(k => k.Lookup).IsUnique();
        builder.Ignore(k => k.ScopeList);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("platform_audit_log");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Actor).HasMaxLength(100);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.Subject).HasMaxLength(200);
        builder.Property(e => e.Detail).HasMaxLength(2000);
        builder.HasIndex(e => new { e.Subject, e.At });
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("platform_idempotency");
        builder.HasKey(r => new { r.Caller, r.Key });
        builder.Property(r => r.Caller).HasMaxLength(100);
        builder.Property(r => r.Key).HasMaxLength(255);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.Location).HasMaxLength(300);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<Outbox.OutboxMessage>
{
    public void Configure(EntityTypeBuilder<Outbox.OutboxMessage> builder)
    {
        builder.ToTable("platform_outbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Type).HasMaxLength(100);
        // Consumers read what is not yet processed, oldest first.
        builder.HasIndex(m => new { m.ProcessedAt, m.OccurredAt });
        // Consumers that keep their own progress (webhooks) read recent events of their types.
        builder.HasIndex(m => new { m.Type, m.OccurredAt });
    }
}
