namespace Exchange.Hub.Iota;

public sealed record TagCheck(bool IsValid, string Message, string? Padded);

/// <summary>Transaction tags: 0 to 27 trytes, padded with 9 to exactly 27. Hub does not check them, so we do.</summary>
public static class TagRules
{
    public const int Length = 27;

    public static TagCheck Check(string? tag)
    {
        tag ??= "";
        if (tag.Length > Length)
            return new TagCheck(false, $"A tag has at most {Length} characters; this one has {tag.Length}.", null);
        var bad = tag.AsSpan().IndexOfAnyExcept(Trytes.Alphabet);
        if (bad >= 0)
            return new TagCheck(false, $"Character '{tag[bad]}' at position {bad + 1} is not a tryte: a tag has only A-Z and 9.", null);
        return new TagCheck(true, "", Pad(tag));
    }

    public static string Pad(string tag) => tag.PadRight(Length, '9');
}
