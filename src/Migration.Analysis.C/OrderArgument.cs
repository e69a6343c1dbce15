using System.Globalization;
using System.Text.RegularExpressions;

namespace Migration.Analysis.C;

/// <summary>
/// The Era-A heuristic: C has no overloads, so whether <c>iommu_map(domain, iova, paddr, X, prot)</c> or
/// <c>iommu_unmap(domain, iova, X)</c> is the order-based call of Linux ≤ 3.2 (IOMMU004) or the byte-sized one of 3.3+
/// is read from X as written. X is an order when it calls get_order(...), is an integer literal of at most 31 (no
/// mapping is smaller than 4096 bytes, no order larger than 31), or names an identifier containing "order" in any case
/// (gfp_order, ORDER_1M). Anything else (PAGE_SIZE, SZ_4K, len, 4096, size &lt;&lt; 1) is taken as a byte size and the
/// call is not a finding; so is an order turned into bytes, <c>PAGE_SIZE &lt;&lt; order</c> or <c>pages &lt;&lt; PAGE_SHIFT</c>, which is what `migrate fix` writes (generic.md §5.4), so fixed code is not reported again.
/// </summary>
public static partial class OrderArgument
{
    /// <summary>The largest integer literal taken as an order.</summary>
    public const int LargestOrderLiteral = 31;

    [GeneratedRegex(@"^\(*\s*(0[xX][0-9a-fA-F]+|\d+)[uUlL]*\s*\)*$")]
    private static partial Regex IntegerLiteral();

    // "PAGE_SIZE << get_order(len)", "(PAGE_SIZE << order)", "order_bytes << PAGE_SHIFT": a page count or order shifted into bytes.
    [GeneratedRegex(@"^\(*\s*PAGE_SIZE\s*<<|<<\s*PAGE_SHIFT\b")]
    private static partial Regex ShiftedToBytes();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Identifier();

    /// <summary>The 0-based index of the order argument for an API map role ("order-map": 3, "order-unmap": 2), or null for other roles.</summary>
    public static int? IndexFor(string? role) => role switch
    {
        "order-map" => 3,
        "order-unmap" => 2,
        _ => null,
    };

    /// <summary>True when <paramref name="argument"/> (the argument's source text) looks like a page order.</summary>
    public static bool LooksLikeOrder(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        string text = argument.Trim();
        if (IntegerLiteral().Match(text) is { Success: true } literal)
        {
            string digits = literal.Groups[1].Value;
            bool parsed = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? long.TryParse(digits.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long value)
                : long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
            return parsed && value <= LargestOrderLiteral;
        }
        if (ShiftedToBytes().IsMatch(text))
            return false;
        return Identifier().Matches(text).Any(m => m.Value == "get_order" || m.Value.Contains("order", StringComparison.OrdinalIgnoreCase));
    }
}
