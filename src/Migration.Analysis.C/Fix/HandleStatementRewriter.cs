using System.Text;
using System.Text.RegularExpressions;

namespace Migration.Analysis.C.Fix;

/// <summary>
/// The statement rewrites of the OMAP handle's lifetime (omap.md §4.6 → §7.7). <c>H = iommu_get(name);</c> becomes
/// <c>D = iommu_domain_alloc(&amp;platform_bus_type);</c> with its NULL check and <c>iommu_attach_device(D, DEV)</c> with its
/// error check, both in the error style of the surrounding function: the first <c>goto LABEL;</c> after the statement,
/// else a return. <c>iommu_put(H);</c> becomes <c>iommu_detach_device(D, DEV); iommu_domain_free(D);</c>; where the put
/// follows a label (an error path, also reached when the get failed) it is guarded by <c>if (D)</c>, because 3.0's
/// iommu_put took NULL (omap.md §6.1) and the generic calls do not.
/// </summary>
internal static partial class HandleStatementRewriter
{
    [GeneratedRegex(@"\bgoto\s+(?<label>[A-Za-z_]\w*)\s*;")]
    private static partial Regex Goto();

    [GeneratedRegex(@"(^|[;{}])\s*(?:(?:static|const|register|unsigned|signed)\s+)*(?:int|long)\s+(?<names>[^;(){}]*);", RegexOptions.Multiline)]
    private static partial Regex IntDeclaration();

    [GeneratedRegex(@"^\s*[A-Za-z_]\w*\s*:(?!:)", RegexOptions.Multiline)]
    private static partial Regex Label();

    private static readonly string[] ErrorNames = ["ret", "err", "error", "rc", "status"];

    /// <summary>The rewrite of <c>H = iommu_get(name);</c>.</summary>
    public static SiteRewrite RewriteGet(SiteContext site)
    {
        byte[] b = site.Bytes;
        if (CallText.Read(b, site.NameOffset, "iommu_get") is not { } call || call.Arguments.Count != 1)
            return SiteRewrite.LeftAlone("not a call iommu_get(name) whose parentheses could be read");
        int equals = StatementBounds.PreviousSignificant(b, call.NameStart);
        int next = StatementBounds.NextSignificant(b, call.End);
        if (equals < 1 || b[equals] != (byte)'=' || b[equals - 1] is (byte)'=' or (byte)'!' or (byte)'<' or (byte)'>' or (byte)'+' or (byte)'-' or (byte)'*' or (byte)'/' or (byte)'%' or (byte)'&' or (byte)'|' or (byte)'^'
            || next >= b.Length || b[next] != (byte)';')
            return SiteRewrite.LeftAlone("not a statement of the shape `H = iommu_get(name);` (the result is used in an expression or a declaration): no one-to-one rewrite");
        int lhsStart = LeftHandStart(b, equals);
        string handle = site.Text(lhsStart, equals).Trim();
        if (handle.Length == 0 || !StatementBounds.StartsStatement(b, lhsStart))
            return SiteRewrite.LeftAlone("not a statement of the shape `H = iommu_get(name);` (a declaration, or the body of an if/else without braces): no one-to-one rewrite");
        if (site.Handles.Map(handle, out string? reason, out bool byDefault) is not { } pair)
            return SiteRewrite.LeftAlone(reason!);
        string function = site.FunctionText;
        string? error = ErrorVariable(function);
        int statementEnd = next + 1;
        string? label = site.Function is { } f && statementEnd < Math.Min(f.End, b.Length) ? Goto().Match(site.Text(statementEnd, Math.Min(f.End, b.Length))) is { Success: true } g ? g.Groups["label"].Value : null : null;
        if (error is null)
            return SiteRewrite.LeftAlone($"{site.Call.EnclosingFunction ?? "the function"} declares no int error variable ({string.Join("/", ErrorNames)}) to hold iommu_attach_device's result");
        if (label is null && Regex.IsMatch(function, @"^\s*(static\s+)?(inline\s+)?void\b"))
            return SiteRewrite.LeftAlone($"{site.Call.EnclosingFunction} returns void and has no goto error label: no error style to follow");

        string indent = StatementBounds.Indentation(b, lhsStart);
        string unit = StatementBounds.IndentUnit(indent);
        string nl = StatementBounds.LineBreak(b, statementEnd);
        string d = pair.Domain;
        var text = new StringBuilder();
        text.Append($"{d} = iommu_domain_alloc(&platform_bus_type);{nl}");
        if (label is not null)
        {
            text.Append($"{indent}if (!{d}) {{{nl}{indent}{unit}{error} = -ENOMEM;{nl}{indent}{unit}goto {label};{nl}{indent}}}{nl}");
            text.Append($"{indent}{error} = iommu_attach_device({d}, {pair.Device});{nl}");
            text.Append($"{indent}if ({error}) {{{nl}{indent}{unit}iommu_domain_free({d});{nl}{indent}{unit}{d} = NULL;{nl}{indent}{unit}goto {label};{nl}{indent}}}");
        }
        else
        {
            text.Append($"{indent}if (!{d}){nl}{indent}{unit}return -ENOMEM;{nl}");
            text.Append($"{indent}{error} = iommu_attach_device({d}, {pair.Device});{nl}");
            text.Append($"{indent}if ({error}) {{{nl}{indent}{unit}iommu_domain_free({d});{nl}{indent}{unit}return {error};{nl}{indent}}}");
        }
        TextEdit[] edits = [new(lhsStart, statementEnd, text.ToString())];
        string name = site.Text(call.Arguments[0].Start, call.Arguments[0].End);
        var steps = new List<string>
        {
            $"the IOMMU name {name} of iommu_get goes to the client device: 3.3 attaches by dev.archdata.iommu = {{ .name = {name} }}, set by the board code (omap.md §7.7)",
        };
        if (byDefault)
            steps.Add(IovmmRewriter.FieldsStep(handle, pair.Domain, pair.Device));
        if (label is null)
            steps.Add($"{site.Call.EnclosingFunction} has no goto error label: the allocation and attach failures return directly; undo what the function did before them");
        string description = $"{d} = iommu_domain_alloc(&platform_bus_type); NULL check; {error} = iommu_attach_device({d}, {pair.Device}); error check{(label is null ? " (return)" : $" (goto {label})")}";
        return SiteRewrite.Done(edits, description, steps);
    }

    /// <summary>The rewrite of <c>iommu_put(H);</c>.</summary>
    public static SiteRewrite RewritePut(SiteContext site)
    {
        byte[] b = site.Bytes;
        if (CallText.Read(b, site.NameOffset, "iommu_put") is not { } call || call.Arguments.Count != 1)
            return SiteRewrite.LeftAlone("not a call iommu_put(handle) whose parentheses could be read");
        int next = StatementBounds.NextSignificant(b, call.End);
        if (next >= b.Length || b[next] != (byte)';' || !StatementBounds.StartsStatement(b, call.NameStart))
            return SiteRewrite.LeftAlone("not a statement of the shape `iommu_put(H);` (an if/else body without braces, or inside an expression): no one-to-one rewrite");
        (int hs, int he) = call.Arguments[0];
        string handle = site.Text(hs, he);
        if (site.Handles.Map(handle, out string? reason, out bool byDefault) is not { } pair)
            return SiteRewrite.LeftAlone(reason!);
        string indent = StatementBounds.Indentation(b, call.NameStart);
        string unit = StatementBounds.IndentUnit(indent);
        string nl = StatementBounds.LineBreak(b, next);
        string d = pair.Domain;
        bool errorPath = site.Function is { } f && f.Start < call.NameStart && Label().IsMatch(site.Text(f.Start, call.NameStart));
        string text = errorPath
            ? $"if ({d}) {{{nl}{indent}{unit}iommu_detach_device({d}, {pair.Device});{nl}{indent}{unit}iommu_domain_free({d});{nl}{indent}}}"
            : $"iommu_detach_device({d}, {pair.Device});{nl}{indent}iommu_domain_free({d});";
        TextEdit[] edits = [new(call.NameStart, next + 1, text)];
        var steps = new List<string>();
        if (byDefault)
            steps.Add(IovmmRewriter.FieldsStep(handle, pair.Domain, pair.Device));
        string description = (errorPath ? $"if ({d}) {{ " : "") + $"iommu_detach_device({d}, {pair.Device}); iommu_domain_free({d});" + (errorPath ? " } (an error path: 3.0's iommu_put took NULL, omap.md §6.1)" : "");
        return SiteRewrite.Done(edits, description, steps);
    }

    /// <summary>The start of the left-hand side ending at the '=' at <paramref name="equals"/>: back over the characters of a member/index chain on the same line.</summary>
    private static int LeftHandStart(byte[] b, int equals)
    {
        int i = equals;
        while (i > 0 && (SourceText.IsIdentifierChar(b[i - 1]) || b[i - 1] is (byte)' ' or (byte)'\t' or (byte)'-' or (byte)'>' or (byte)'.' or (byte)'[' or (byte)']' or (byte)'(' or (byte)')' or (byte)'*' or (byte)'&'))
            i--;
        while (i < equals && b[i] is (byte)' ' or (byte)'\t')
            i++;
        return i;
    }

    /// <summary>The first of ret/err/error/rc/status declared int in the function, or null.</summary>
    private static string? ErrorVariable(string function)
    {
        var declared = IntDeclaration().Matches(function)
            .SelectMany(m => m.Groups["names"].Value.Split(','))
            .Select(n => n.Split('=')[0].Trim().TrimStart('*').Trim())
            .ToHashSet(StringComparer.Ordinal);
        return ErrorNames.FirstOrDefault(declared.Contains);
    }
}
