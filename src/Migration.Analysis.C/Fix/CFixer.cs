using System.Text;
using System.Text.RegularExpressions;
using Migration.Analysis.C.Interop;
using Migration.Analyzers.ApiMap;

namespace Migration.Analysis.C.Fix;

/// <summary>
/// `migrate fix`'s engine: per C file, the front end (<see cref="CSourceAnalyzer"/>: the same parses, stubs and token
/// cross-check as `analyze`) finds the catalog calls; each call that `analyze` reports is planned by
/// <see cref="CallRewriter"/> where its name is written (a call in a #define body once, in the definition); the
/// rewrites are applied to the bytes (everything else stays byte-identical) and the patched bytes are parsed again (once, with the original's stubs)
/// with the same front end: a rewrite that adds a syntax error is dropped with that reason. A file that cannot be read
/// or parsed is that file's error and is left unchanged. Files run in parallel, one libclang index per worker.
/// </summary>
public sealed partial class CFixer
{
    private readonly CSourceAnalyzer _analyzer;
    private readonly HandleMapping _handles;

    /// <summary>A fixer with the built-in catalog, parsing with <paramref name="settings"/> (default: the prelude) and mapping handles with <paramref name="handles"/> (default rule only).</summary>
    public CFixer(CParseSettings? settings = null, HandleMapping? handles = null)
    {
        _analyzer = new CSourceAnalyzer(CKernelCatalog.BuiltIn, settings);
        _handles = handles ?? HandleMapping.Default;
    }

    /// <summary>Fixes <paramref name="files"/>, naming each relative to <paramref name="root"/>; results ordered by name.</summary>
    public IReadOnlyList<FileFix> Fix(IReadOnlyList<string> files, string root, int? maxParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(root);
        var results = new FileFix[files.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallelism ?? Environment.ProcessorCount) };
        Parallel.For(0, files.Count, options,
            () => new ClangIndex(),
            (i, _, index) =>
            {
                results[i] = FixFile(index, files[i], CFolderAnalyzer.DisplayPath(files[i], root));
                return index;
            },
            index => index.Dispose());
        return results.OrderBy(r => r.File, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Fixes one file; any failure in reading, parsing or planning is that file's error (the input is arbitrary
    /// bytes: one file's defect must never stop the run nor lose the other files' patches).
    /// </summary>
    internal FileFix FixFile(ClangIndex index, string path, string displayPath)
    {
        string fullPath = Path.GetFullPath(path);
        try
        {
            if (_analyzer.Read(path, out byte[] bytes, out fullPath, out FileParse how) is { } readError)
                return Failed(displayPath, fullPath, [], readError);
            ParsedCalls parsed = _analyzer.ParseCalls(index, fullPath, bytes, how);
            if (parsed.Error is { } parseError)
                return Failed(displayPath, fullPath, bytes, parseError);
            if (parsed.Functions.Count == 0 && parsed.Calls.Count == 0 && parsed.SyntaxSummary is { } syntax)
                return Failed(displayPath, fullPath, bytes, "cannot be parsed: no function definition could be read; " + syntax);
            return Plan(index, displayPath, fullPath, bytes, how, parsed);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failed(displayPath, fullPath, [], $"fix failed ({e.GetType().Name}): {e.Message}");
        }
    }

    private FileFix Plan(ClangIndex index, string displayPath, string fullPath, byte[] bytes, FileParse how, ParsedCalls parsed)
    {
        var source = new SourceText(bytes);
        var planned = new List<(FixSite Site, SiteRewrite Rewrite)>();
        var accepted = new List<TextEdit>();
        // One site per place the call is written: every expansion of a macro whose body calls the symbol is one site.
        var calls = parsed.Calls
            .Select(c => c.Call)
            .Where(c => _analyzer.EntryFor(c) is not null)
            .GroupBy(c => c.SpellingOffset is { } o ? (o, 0, 0) : (-1, c.Line, c.Column))
            .Select(g => g.OrderBy(c => c.Line).ThenBy(c => c.Column).First())
            .OrderBy(c => c.SpellingOffset ?? source.Offset(c.Line, c.Column));
        foreach (CallSite call in calls)
        {
            ApiMapEntry entry = _analyzer.EntryFor(call)!;
            int nameOffset = call.SpellingOffset ?? -1;
            FunctionSpan? function = parsed.Functions.FirstOrDefault(f => f.Start <= nameOffset && nameOffset < f.End);
            SiteRewrite rewrite = CallRewriter.Plan(new SiteContext(bytes, call, entry, nameOffset, function, _handles));
            if (rewrite.Rewritten && rewrite.Edits.FirstOrDefault(e => accepted.Any(a => a.Overlaps(e))) is not null)
                rewrite = SiteRewrite.LeftAlone("its text overlaps another call's rewrite (a call nested in the handle argument)", rewrite.ManualSteps);
            if (rewrite.Rewritten)
                accepted.AddRange(rewrite.Edits);
            (int line, int column) = nameOffset >= 0 ? FileFix.Position(bytes, nameOffset) : (call.Line, call.Column);
            var site = new FixSite(displayPath, line, column, call.Symbol, call.EnclosingFunction, rewrite.Rewritten, rewrite.Description, rewrite.Edits)
            {
                ExpandedAt = (line, column) == (call.Line, call.Column) ? null : (call.Line, call.Column),
            };
            planned.Add((site, rewrite));
        }

        // The patched file must parse with no more syntax errors than the original (issue 17's rule): find the
        // rewrites that add one, each applied alone, and drop them; if the rest still adds one, drop them all.
        byte[] patched = TextEdit.Apply(bytes, planned.SelectMany(p => p.Site.Edits));
        if (planned.Any(p => p.Site.Rewritten) && NewSyntaxError(index, fullPath, patched, how, parsed) is not null)
        {
            for (int i = 0; i < planned.Count; i++)
            {
                if (planned[i].Site.Rewritten && NewSyntaxError(index, fullPath, TextEdit.Apply(bytes, planned[i].Site.Edits), how, parsed) is { } error)
                    planned[i] = Dropped(planned[i], $"the rewrite ({planned[i].Site.Description}) would add a parse error ({error}), so it is dropped");
            }
            patched = TextEdit.Apply(bytes, planned.SelectMany(p => p.Site.Edits));
            if (planned.Any(p => p.Site.Rewritten) && NewSyntaxError(index, fullPath, patched, how, parsed) is { } together)
            {
                for (int i = 0; i < planned.Count; i++)
                {
                    if (planned[i].Site.Rewritten)
                        planned[i] = Dropped(planned[i], $"the file's rewrites together would add a parse error ({together}), so all are dropped");
                }
                patched = bytes;
            }
        }

        var steps = new List<string>();
        foreach ((FixSite site, SiteRewrite rewrite) in planned)
            steps.AddRange(rewrite.ManualSteps.Select(s => s.StartsWith("add `struct iommu_domain", StringComparison.Ordinal) ? s : $"{site.File}:{site.Line}: {s}"));
        if (planned.Any(p => p.Site.Rewritten))
            steps.AddRange(FileSteps(displayPath, bytes, patched, planned.Where(p => p.Site.Rewritten).Select(p => p.Site).ToList()));
        return new FileFix(displayPath, fullPath, bytes, patched, planned.Select(p => p.Site).ToList(), steps.Distinct(StringComparer.Ordinal).ToList(), null);
    }

    private static (FixSite, SiteRewrite) Dropped((FixSite Site, SiteRewrite Rewrite) p, string reason) =>
        (p.Site with { Rewritten = false, Description = reason, Edits = [] }, SiteRewrite.LeftAlone(reason));

    /// <summary>The first syntax error the patched bytes add over the original's, or null.</summary>
    private string? NewSyntaxError(ClangIndex index, string fullPath, byte[] patched, FileParse how, ParsedCalls original)
    {
        (int count, string? summary) = _analyzer.SyntaxErrorsOf(index, fullPath, patched, how, original.StubSet);
        if (count < 0)
            return summary;
        return count > original.SyntaxErrorCount ? summary ?? "a syntax error" : null;
    }

    [GeneratedRegex(@"struct\s+iommu\s*\*")]
    private static partial Regex StructIommuPointer();

    /// <summary>The file-wide manual steps: the 3.0 handle still named, `struct iommu *` declarations, the header of the generic calls.</summary>
    private static IEnumerable<string> FileSteps(string file, byte[] original, byte[] patched, IReadOnlyList<FixSite> rewritten)
    {
        string text = Encoding.UTF8.GetString(patched);
        var handles = rewritten.Where(s => s.Symbol is not ("iommu_map" or "iommu_unmap"))
            .Select(s => HandleIn(original, s)).OfType<string>().Distinct(StringComparer.Ordinal);
        foreach (string handle in handles)
        {
            var pattern = new Regex(@"(?<![\w.>])" + string.Join(@"\s*", SplitHandle(handle).Select(Regex.Escape)) + @"(?!\w)");
            var lines = pattern.Matches(text).Select(m => FileFix.Position(patched, Encoding.UTF8.GetByteCount(text.AsSpan(0, m.Index))).Line).Distinct().ToList();
            if (lines.Count > 0)
                yield return $"{file}: `{handle}` is still named at line{(lines.Count == 1 ? "" : "s")} {string.Join(", ", lines)} of the patched file (checks and assignments of the 3.0 handle): remove them with the field, 3.3's omap3isp has no IOMMU pointer (omap.md §7.7)";
        }
        foreach (Match m in StructIommuPointer().Matches(text))
            yield return $"{file}:{FileFix.Position(patched, Encoding.UTF8.GetByteCount(text.AsSpan(0, m.Index))).Line}: `struct iommu *` is the 3.0 handle type (3.2 renamed it struct omap_iommu, omap.md §7.2): remove or update this declaration";
        bool generic = rewritten.Any(s => s.Symbol is "iommu_get" or "iommu_put" || IovmmRewriter.Table.TryGetValue(s.Symbol, out var t) && t.TakesDomain);
        if (generic && !text.Contains("<linux/iommu.h>", StringComparison.Ordinal))
            yield return $"{file}: add `#include <linux/iommu.h>` for struct iommu_domain{(rewritten.Any(s => s.Symbol is "iommu_get" or "iommu_put") ? ", iommu_domain_alloc, iommu_attach_device, iommu_detach_device and iommu_domain_free" : "")} (generic.md §5)";
        if (rewritten.Any(s => IovmmRewriter.Table.ContainsKey(s.Symbol) && s.Symbol is not ("iommu_save_ctx" or "iommu_restore_ctx")) && !text.Contains("<plat/iovmm.h>", StringComparison.Ordinal))
            yield return $"{file}: the omap_iommu_* iovmm functions are declared in <plat/iovmm.h> (omap.md §7.2): include it if no header of this file does";
    }

    /// <summary>The handle argument or statement target a rewritten OMAP site used, as written in the original (blanks removed).</summary>
    private static string? HandleIn(byte[] original, FixSite site)
    {
        // The handle is the text the first edit on the handle replaced: the argument of an iovmm call, the target of iommu_get, the argument of iommu_put.
        TextEdit? edit = site.Symbol switch
        {
            "iommu_get" or "iommu_put" => site.Edits.FirstOrDefault(),
            _ => site.Edits.Skip(1).FirstOrDefault(),
        };
        if (edit is null)
            return null;
        string replaced = Encoding.UTF8.GetString(original, edit.Start, edit.End - edit.Start);
        if (site.Symbol == "iommu_get")
            replaced = replaced[..Math.Max(0, replaced.IndexOf('=', StringComparison.Ordinal))];
        else if (site.Symbol == "iommu_put")
            replaced = replaced[(replaced.IndexOf('(', StringComparison.Ordinal) + 1)..Math.Max(replaced.IndexOf('(', StringComparison.Ordinal) + 1, replaced.LastIndexOf(')'))];
        string handle = HandleOverride.Normalize(replaced);
        return handle.EndsWith("iommu", StringComparison.Ordinal) ? handle : null;
    }

    /// <summary>"isp->iommu" → ["isp", "->", "iommu"]: the tokens between which blanks may stand.</summary>
    private static IEnumerable<string> SplitHandle(string handle) =>
        Regex.Split(handle, @"(->|\.|\[|\]|\(|\))").Where(t => t.Length > 0);

    private static FileFix Failed(string displayPath, string fullPath, byte[] bytes, string error) =>
        new(displayPath, fullPath, bytes, bytes, [], [], error);
}
