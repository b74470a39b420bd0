using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Commerce.Storage;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("commerce_orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.ExternalId).HasMaxLength(100);
        builder.HasIndex(o => o.ExternalId).IsUnique();
        builder.HasIndex(o => new { o.CustomerId, o.PlacedAt });
        builder.HasIndex(o => new { o.MerchantId, o.PlacedAt });
        builder.HasIndex(o => o.DeviceFingerprint);
        builder.HasIndex(o => o.IpAddress);
        // Risk checks look up earlier orders sharing a contact or a shipping address (Contracts/RiskHistory).
        builder.HasIndex(o => o.Email);
        builder.HasIndex(o => o.Phone);
        builder.HasIndex(o => o.InstrumentFingerprint);
        builder.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(o => o.MerchantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(o => o.Currency).HasMaxLength(3);
        builder.Property(o => o.Email).HasMaxLength(254);
        builder.Property(o => o.Phone).HasMaxLength(32);
        builder.Property(o => o.DeviceFingerprint).HasMaxLength(128);
        builder.Property(o => o.IpAddress).HasMaxLength(45);
        builder.Property(o => o.InstrumentFingerprint).HasMaxLength(PaymentInstrument.MaxFingerprint);
        builder.Property(o => o.InstrumentBin).HasMaxLength(8);
        builder.Property(o => o.InstrumentLast4).HasMaxLength(4);
        builder.Ignore(o => o.Instrument);
        builder.Property(o => o.Carrier).HasMaxLength(50);
        builder.Property(o => o.TrackingNumber).HasMaxLength(100);
        builder.Ignore(o => o.Total);
        builder.OwnsOne(o => o.BillingAddress, AddressConfiguration.Map);
        builder.OwnsOne(o => o.ShippingAddress, address =>
        {
            AddressConfiguration.Map(address);
            address.HasIndex(a => a.Line1);
        });
        builder.Navigation(o => o.BillingAddress).IsRequired();
        builder.Navigation(o => o.ShippingAddress).IsRequired();
        builder.OwnsMany(o => o.Lines, lines =>
        {
            lines.ToTable("commerce_order_lines");
            lines.WithOwner().HasForeignKey("OrderId");
            lines.HasKey("OrderId", nameof(OrderLine.Number));
            lines.Property(l => l.Number).ValueGeneratedNever();
            lines.Property(l => l.Sku).HasMaxLength(64);
            lines.Property(l => l.Description).HasMaxLength(300);
            lines.Ignore(l => l.TotalMinor);
        });
        builder.Navigation(o => o.Lines).HasField("_lines");
        builder.HasOne(o => o.Plan).WithOne().HasForeignKey<PaymentPlan>(p => p.OrderId);
    }
}
