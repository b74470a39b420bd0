using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Commerce.Storage;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("commerce_customers");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ExternalId).HasMaxLength(100);
        builder.HasIndex(c => c.ExternalId).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.HasIndex(c => c.Email);
        builder.Property(c => c.Phone).HasMaxLength(32);
        builder.Property(c => c.Locale).HasMaxLength(35);
        builder.Property(c => c.Market).HasMaxLength(2);
        builder.OwnsOne(c => c.Address, AddressConfiguration.Map);
    }
}

internal static class AddressConfiguration
{
    public static void Map<TOwner>(OwnedNavigationBuilder<TOwner, Address> address)
        where TOwner : class
    {
        address.Property(a => a.Line1).HasMaxLength(200);
        address.Property(a => a.Line2).HasMaxLength(200);
        address.Property(a => a.City).HasMaxLength(100);
        address.Property(a => a.PostalCode).HasMaxLength(20);
        address.Property(a => a.Country).HasMaxLength(2);
    }
}
