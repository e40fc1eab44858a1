using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Exchange.Core.Coins;

internal sealed class CoinConfiguration : IEntityTypeConfiguration<Coin>
{
    public void Configure(EntityTypeBuilder<Coin> coin)
    {
        coin.HasKey(c => c.Symbol);
        coin.Property(c => c.Symbol).HasMaxLength(10);
        coin.Property(c => c.Name).HasMaxLength(50);
        coin.Property(c => c.BaseUnit).HasMaxLength(10);
        coin.Property(c => c.UsdPrice).HasPrecision(18, 8);
        coin.Property(c => c.DemoDepositAddress).HasMaxLength(100);
        coin.Ignore(c => c.BaseUnitsPerCoin);
        coin.Ignore(c => c.Rules);
        coin.HasData(CoinSeed.All);
    }
}
