namespace Exchange.Hub.Iota;

/// <summary>Trytes (<c>9A-Z</c>) and their balanced trits, least significant trit first.</summary>
public static class Trytes
{
    public const string Alphabet = "9ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public static bool IsTrytes(string s) => s.All(IsTryte);

    public static bool IsTryte(char c) => c == '9' || c is >= 'A' and <= 'Z';

    /// <summary>The value -13..13 of one tryte: 9=0, A=1 ... M=13, N=-13 ... Z=-1.</summary>
    public static int ValueOf(char tryte)
    {
        var index = Alphabet.IndexOf(tryte);
        if (index < 0) throw new ArgumentException($"'{tryte}' is not a tryte.", nameof(tryte));
        return index <= 13 ? index : index - 27;
    }

    public static sbyte[] ToTrits(string trytes)
    {
        var trits = new sbyte[trytes.Length * 3];
        for (var i = 0; i < trytes.Length; i++)
        {
            var value = ValueOf(trytes[i]);
            for (var j = 0; j < 3; j++)
            {
                var remainder = ((value % 3) + 3) % 3;
                var trit = remainder == 2 ? -1 : remainder;
                trits[i * 3 + j] = (sbyte)trit;
                value = (value - trit) / 3;
            }
        }
        return trits;
    }

    public static string FromTrits(ReadOnlySpan<sbyte> trits)
    {
        if (trits.Length % 3 != 0) throw new ArgumentException("Trits come in threes.", nameof(trits));
        var chars = new char[trits.Length / 3];
        for (var i = 0; i < chars.Length; i++)
        {
            var value = trits[i * 3] + 3 * trits[i * 3 + 1] + 9 * trits[i * 3 + 2];
            chars[i] = Alphabet[value < 0 ? value + 27 : value];
        }
        return new string(chars);
    }
}
