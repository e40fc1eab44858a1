namespace Exchange.Hub.Iota;

/// <summary>IOTA amounts are whole iotas (i); the supply fits a <see cref="long"/>.</summary>
public static class IotaUnits
{
    public const long Iota = 1;
    public const long KiloIota = 1_000;
    public const long IotasPerMiota = 1_000_000;
    public const long GigaIota = 1_000_000_000;
    public const long TeraIota = 1_000_000_000_000;
    public const long PetaIota = 1_000_000_000_000_000;

    /// <summary>(3^33 - 1) / 2 iotas: every iota there is.</summary>
    public const long MaxSupply = 2_779_530_283_277_761;

    public static long PerUnit(string unit) => unit switch
    {
        "i" => Iota,
        "Ki" => KiloIota,
        "Mi" => IotasPerMiota,
        "Gi" => GigaIota,
        "Ti" => TeraIota,
        "Pi" => PetaIota,
        _ => throw new ArgumentException($"Unknown IOTA unit '{unit}'.", nameof(unit)),
    };
}
