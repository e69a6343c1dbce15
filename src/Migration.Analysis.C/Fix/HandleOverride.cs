namespace Migration.Analysis.C.Fix;

/// <summary>
/// One `--handle EXPR=DOMAIN,DEV` of `migrate fix`: the OMAP handle expression (a <c>struct iommu *</c>, omap.md §4.1)
/// written <paramref name="Expression"/> becomes the <c>struct iommu_domain *</c> <paramref name="Domain"/> and the
/// client <c>struct device *</c> <paramref name="Device"/> of 3.3 (omap.md §7.7), e.g. <c>isp->iommu=isp->domain,&amp;pdev->dev</c>.
/// </summary>
/// <param name="Expression">The handle as written at the call sites (compared without blanks).</param>
/// <param name="Domain">The domain expression.</param>
/// <param name="Device">The client device expression.</param>
public sealed record HandleOverride(string Expression, string Domain, string Device)
{
    /// <summary>
    /// Parses <c>EXPR=DOMAIN,DEV</c>: EXPR up to the first '=', DOMAIN and DEV split at the one comma outside
    /// parentheses; each part non-empty with balanced parentheses and brackets. Null with <paramref name="error"/> otherwise.
    /// </summary>
    public static HandleOverride? Parse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            error = $"'{text}' is not EXPR=DOMAIN,DEV (no '=' after the handle expression)";
            return null;
        }
        string expression = text[..equals].Trim();
        string rest = text[(equals + 1)..];
        var commas = new List<int>();
        int depth = 0;
        for (int i = 0; i < rest.Length; i++)
        {
            if (rest[i] is '(' or '[')
                depth++;
            else if (rest[i] is ')' or ']')
                depth--;
            else if (rest[i] == ',' && depth == 0)
                commas.Add(i);
            if (depth < 0)
            {
                error = $"'{text}': DOMAIN,DEV '{rest}' closes a parenthesis or bracket it does not open";
                return null;
            }
        }
        if (commas.Count != 1)
        {
            error = $"'{text}' is not EXPR=DOMAIN,DEV ({(commas.Count == 0 ? "no" : "more than one")} ',' between the domain and the device)";
            return null;
        }
        string domain = rest[..commas[0]].Trim();
        string device = rest[(commas[0] + 1)..].Trim();
        foreach ((string part, string name) in new[] { (expression, "EXPR"), (domain, "DOMAIN"), (device, "DEV") })
        {
            if (part.Length == 0 || !Balanced(part))
            {
                error = $"'{text}': {name} '{part}' is {(part.Length == 0 ? "empty" : "not a balanced C expression")}";
                return null;
            }
        }
        return new HandleOverride(expression, domain, device);
    }

    /// <summary>The expression without blanks, the form handles are compared in.</summary>
    public static string Normalize(string expression) =>
        string.Concat((expression ?? throw new ArgumentNullException(nameof(expression))).Where(c => !char.IsWhiteSpace(c) && c != '\\'));

    private static bool Balanced(string s)
    {
        var open = new Stack<char>();
        foreach (char c in s)
        {
            if (c is '(' or '[')
                open.Push(c);
            else if (c is ')' or ']' && (open.Count == 0 || open.Pop() != (c == ')' ? '(' : '[')))
                return false;
        }
        return open.Count == 0;
    }
}
