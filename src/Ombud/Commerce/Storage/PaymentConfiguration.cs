using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Commerce.Storage;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("commerce_payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.ExternalId).HasMaxLength(100);
        builder.HasIndex(p => p.ExternalId).IsUnique();
        builder.HasIndex(p => p.OrderId);
        builder.HasIndex(p => p.CustomerId);
        builder.HasOne<Order>().WithMany().HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Ignore(p => p.Amount);
    }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("commerce_refunds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.ExternalId).HasMaxLength(100);
        builder.HasIndex(r => r.ExternalId).IsUnique();
        builder.HasIndex(r => r.OrderId);
        builder.HasIndex(r => r.CustomerId);
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Ignore(r => r.Amount);
    }
}
