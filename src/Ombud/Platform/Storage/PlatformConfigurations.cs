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
        // The sweep of records past their time (IdempotencyExpiry).
        builder.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<Outbox.OutboxMessage>
{
    public void Configure(EntityTypeBuilder<Outbox.OutboxMessage> builder)
    {
        builder.ToTable("platform_outbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Type).HasMaxLength(100);
        builder.Property(m => m.Version).HasDefaultValue(1);
        // No index besides the key: every read of the outbox goes by id (a delivery's event) or scans the payloads (a
        // customer's data export), and each decision, order and case writes a row here, so a (Type, OccurredAt) index
        // no query used was only upkeep on every event written.
    }
}

internal sealed class EventDeliveryConfiguration : IEntityTypeConfiguration<Events.EventDelivery>
{
    public void Configure(EntityTypeBuilder<Events.EventDelivery> builder)
    {
        builder.ToTable("platform_event_deliveries");
        builder.HasKey(d => new { d.EventId, d.Subscriber });
        builder.Property(d => d.Subscriber).HasMaxLength(100);
        builder.Property(d => d.EventType).HasMaxLength(100);
        builder.Property(d => d.LastError).HasMaxLength(QueuedWorkItem.MaxErrorLength);
        builder.Property(d => d.Lease).IsConcurrencyToken();
        // The claim: pending work by due time; the dead-letter list: dead work by subscriber.
        builder.HasIndex(d => new { d.Status, d.DueAt });
        builder.HasIndex(d => new { d.Subscriber, d.Status });
        builder.HasOne<Outbox.OutboxMessage>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DurableTimerConfiguration : IEntityTypeConfiguration<Timers.DurableTimer>
{
    public void Configure(EntityTypeBuilder<Timers.DurableTimer> builder)
    {
        builder.ToTable("platform_timers");
        builder.HasKey(t => new { t.Kind, t.EntityId });
        builder.Property(t => t.Kind).HasMaxLength(100);
        builder.Property(t => t.EntityId).HasMaxLength(100);
        builder.Property(t => t.LastError).HasMaxLength(QueuedWorkItem.MaxErrorLength);
        builder.Property(t => t.Lease).IsConcurrencyToken();
        builder.HasIndex(t => new { t.Status, t.DueAt });
    }
}

internal sealed class EventProbeRecordConfiguration : IEntityTypeConfiguration<Events.EventProbeRecord>
{
    public void Configure(EntityTypeBuilder<Events.EventProbeRecord> builder)
    {
        builder.ToTable("platform_event_probe");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Subscriber).HasMaxLength(100);
        builder.Property(r => r.Node).HasMaxLength(200);
        builder.HasIndex(r => new { r.Subscriber, r.EventId });
    }
}
