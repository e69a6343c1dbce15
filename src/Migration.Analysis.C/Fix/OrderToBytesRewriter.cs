using System.Globalization;
using System.Text.RegularExpressions;

namespace Migration.Analysis.C.Fix;

/// <summary>
/// Era-A order-based <c>iommu_map(d, iova, pa, order, prot)</c> / <c>iommu_unmap(d, iova, order)</c> → the byte-sized
/// calls of 3.3 (generic.md §5.4), replacing only the order argument: <c>PAGE_SIZE &lt;&lt; order</c> maps the same bytes.
/// <c>get_order(SIZE)</c> is kept under the shift (it equals SIZE only for a power-of-two number of pages: 12 KiB maps
/// 16 KiB in both eras), except where SIZE is a literal power of two of at least a page, which is written as is;
/// a literal order n is written as its byte count. The unmap's result changes meaning (generic.md §4.4: an order or 0
/// in 3.0, bytes in 3.3), so a caller that uses it is a manual step.
/// </summary>
internal static partial class OrderToBytesRewriter
{
    private const long PageSize = 4096; // ARM, where both vendor IOMMUs live

    [GeneratedRegex(@"^(0[xX][0-9a-fA-F]+|\d+)[uUlL]*$")]
    private static partial Regex IntegerLiteral();

    [GeneratedRegex(@"^get_order\s*\((?<size>.*)\)$", RegexOptions.Singleline)]
    private static partial Regex GetOrder();

    [GeneratedRegex(@"^SZ_(?<n>\d+)(?<unit>[KMG]?)$")]
    private static partial Regex SizeConstant();

    [GeneratedRegex(@"^[A-Za-z_]\w*(\s*(->|\.)\s*[A-Za-z_]\w*|\[[^\[\]]*\])*$|^\(.*\)$", RegexOptions.Singleline)]
    private static partial Regex Primary();

    /// <summary>The rewrite of an order-based iommu_map / iommu_unmap whose order argument is at <paramref name="orderIndex"/>.</summary>
    public static SiteRewrite Rewrite(SiteContext site, int orderIndex)
    {
        if (CallText.Read(site.Bytes, site.NameOffset, site.Call.Symbol) is not { } call)
            return SiteRewrite.LeftAlone("the call's parentheses could not be read where its name is written");
        if (call.Arguments.Count != orderIndex + (site.Call.Symbol == "iommu_map" ? 2 : 1))
            return SiteRewrite.LeftAlone($"{site.Call.Symbol} takes {orderIndex + (site.Call.Symbol == "iommu_map" ? 2 : 1)} arguments in Linux 3.0 (generic.md §4.3, §4.4), this call passes {call.Arguments.Count}");
        (int os, int oe) = call.Arguments[orderIndex];
        string order = site.Text(os, oe);
        var steps = new List<string>();
        string bytes;
        if (IntegerLiteral().Match(order) is { Success: true } literal && ParseInteger(literal.Groups[1].Value) is { } n && n <= 31)
        {
            bytes = "0x" + (PageSize << (int)n).ToString("x", CultureInfo.InvariantCulture);
        }
        else if (GetOrder().Match(order) is { Success: true } getOrder && Balanced(getOrder.Groups["size"].Value))
        {
            string size = getOrder.Groups["size"].Value.Trim();
            if (LiteralBytes(size) is { } value && value >= PageSize && (value & (value - 1)) == 0)
            {
                bytes = size;
            }
            else
            {
                bytes = "PAGE_SIZE << " + order;
                steps.Add($"`PAGE_SIZE << {order}` maps {size} rounded up to a power-of-two number of pages, as 3.0 did; write `{size}` where it is known to be one (generic.md §5.4)");
            }
        }
        else
        {
            bytes = Primary().IsMatch(order) ? "PAGE_SIZE << " + order : $"PAGE_SIZE << ({order})";
        }
        TextEdit[] edits = [new(os, oe, bytes)];
        if (site.Call.Symbol == "iommu_unmap" && ResultUsed(site.Bytes, call))
            steps.Add("the result of iommu_unmap is used: 3.0 returned a driver-defined value (an order on AMD/VT-d/OMAP, 0 on MSM), 3.3 returns the bytes unmapped (generic.md §4.4, §5.4); change the check");
        return SiteRewrite.Done(edits, site.Rewritten(call, edits), steps);
    }

    /// <summary>True unless the call is a statement of its own (or cast to void).</summary>
    private static bool ResultUsed(byte[] b, CallText call)
    {
        int next = StatementBounds.NextSignificant(b, call.End);
        if (next >= b.Length || b[next] != (byte)';')
            return true;
        int previous = StatementBounds.PreviousSignificant(b, call.NameStart);
        if (previous < 0 || b[previous] is (byte)';' or (byte)'{' or (byte)'}' or (byte)':')
            return false;
        // "(void)iommu_unmap(...)": the result is dropped on purpose. "if (x) iommu_unmap(...)" or "else ...": a statement too.
        string before = System.Text.Encoding.ASCII.GetString(b, Math.Max(0, previous - 5), previous + 1 - Math.Max(0, previous - 5));
        return !(before.EndsWith("(void)", StringComparison.Ordinal) || before.EndsWith("else", StringComparison.Ordinal) || b[previous] == (byte)')' && !IsArgumentList(b, previous));
    }

    // A ')' before the call closes an if/while/for condition (the call is the body) unless it closes a cast or a call's
    // arguments, which a statement keyword before its '(' tells apart.
    private static bool IsArgumentList(byte[] b, int close)
    {
        int depth = 0;
        for (int i = close; i >= 0; i--)
        {
            if (b[i] == (byte)')')
                depth++;
            else if (b[i] == (byte)'(' && --depth == 0)
            {
                int p = StatementBounds.PreviousSignificant(b, i);
                int end = p + 1;
                while (p >= 0 && SourceText.IsIdentifierChar(b[p]))
                    p--;
                string word = System.Text.Encoding.ASCII.GetString(b, p + 1, end - p - 1);
                return word is not ("if" or "while" or "for");
            }
        }
        return true;
    }

    private static long? ParseInteger(string digits) =>
        digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(digits.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long h) && h >= 0 ? h : null
            : long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long d) ? d : null;

    /// <summary>The value of a literal size: an integer literal or an asm/sizes.h constant (SZ_4K, SZ_1M), else null.</summary>
    private static long? LiteralBytes(string size)
    {
        if (IntegerLiteral().Match(size) is { Success: true } m)
            return ParseInteger(m.Groups[1].Value);
        if (SizeConstant().Match(size) is { Success: true } sz && long.TryParse(sz.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n < 1024)
            return n << (sz.Groups["unit"].Value switch { "K" => 10, "M" => 20, "G" => 30, _ => 0 });
        return null;
    }

    private static bool Balanced(string s)
    {
        int depth = 0;
        foreach (char c in s)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0)
                return false;
        }
        return depth == 0;
    }
}
