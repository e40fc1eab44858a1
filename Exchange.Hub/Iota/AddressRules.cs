namespace Exchange.Hub.Iota;

public enum AddressProblem
{
    None,
    Empty,
    IotaLink,
    BadCharacter,
    WrongLength,
    ChecksumMissing,
    BadChecksum,
    BadLastTryte,
}

public sealed record AddressCheck(bool IsValid, AddressProblem Problem, string Message, string? Address81, string? Address90);

/// <summary>
/// Checks an address a person typed or pasted, in the order that gives the most useful message:
/// surrounding white space is trimmed, nothing else is changed (lowercase is refused, never fixed).
/// </summary>
public static class AddressRules
{
    /// <summary>The 81st tryte must have its last trit 0, as every Kerl-derived address has; the checksum cannot catch it.</summary>
    public const string ValidLastTrytes = "9ABCDWXYZ";

    public static AddressCheck Check(string? input, bool requireChecksum = true)
    {
        var address = input?.Trim() ?? "";
        if (address.Length == 0)
            return Fail(AddressProblem.Empty, "Enter an IOTA address.");
        if (address.StartsWith("iota:", StringComparison.OrdinalIgnoreCase))
            return Fail(AddressProblem.IotaLink, "iota:// links are not accepted; paste the 90-character address only.");

        var badIndex = address.AsSpan().IndexOfAnyExcept(Trytes.Alphabet);
        if (badIndex >= 0)
            return Fail(AddressProblem.BadCharacter, $"Character '{address[badIndex]}' at position {badIndex + 1} is not a tryte: an IOTA address has only A-Z and 9.");

        if (address.Length == AddressChecksum.AddressLength && requireChecksum)
            return Fail(AddressProblem.ChecksumMissing, "This address has no checksum: paste all 90 characters (81 + 9 checksum) so typos can be caught.");
        if (address.Length is not (AddressChecksum.AddressLength or AddressChecksum.AddressWithChecksumLength))
            return Fail(AddressProblem.WrongLength, $"An IOTA address has 90 characters (81 + 9 checksum); this one has {address.Length}.");

        var address81 = address[..AddressChecksum.AddressLength];
        if (address.Length == AddressChecksum.AddressWithChecksumLength && !AddressChecksum.IsValid(address))
            return Fail(AddressProblem.BadChecksum, "The checksum does not match: check the address for typos.");
        if (!ValidLastTrytes.Contains(address81[^1]))
            return Fail(AddressProblem.BadLastTryte, $"The 81st character is '{address81[^1]}', but a real IOTA address ends its 81 trytes in one of {ValidLastTrytes}.");

        return new AddressCheck(true, AddressProblem.None, "", address81, AddressChecksum.Add(address81));
    }

    private static AddressCheck Fail(AddressProblem problem, string message) => new(false, problem, message, null, null);
}
