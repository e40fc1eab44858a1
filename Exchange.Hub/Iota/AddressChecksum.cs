namespace Exchange.Hub.Iota;

/// <summary>The 9-tryte Kerl checksum that makes an 81-tryte address a 90-tryte one.</summary>
public static class AddressChecksum
{
    public const int AddressLength = 81;
    public const int ChecksumLength = 9;
    public const int AddressWithChecksumLength = AddressLength + ChecksumLength;

    public static string Compute(string address81)
    {
        if (address81.Length != AddressLength || !Trytes.IsTrytes(address81))
            throw new ArgumentException("A checksum is computed over exactly 81 trytes.", nameof(address81));
        return Kerl.Hash(address81)[^ChecksumLength..];
    }

    public static string Add(string address81) => address81 + Compute(address81);

    public static bool IsValid(string address90) =>
        address90.Length == AddressWithChecksumLength
        && Trytes.IsTrytes(address90)
        && Compute(address90[..AddressLength]) == address90[AddressLength..];

    /// <summary>90 trytes to 81; an 81-tryte address is returned as it is.</summary>
    public static string Strip(string address) =>
        address.Length == AddressWithChecksumLength ? address[..AddressLength] : address;
}
