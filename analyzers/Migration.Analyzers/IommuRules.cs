using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Migration.Analyzers;

/// <summary>
/// The one catalog of the IOMMU migration rules: ids, titles, message formats, default severities and the
/// docs page each rule links to (analyzers/docs/IOMMU00N.md). Every analyzer and every report takes its
/// descriptors from here.
/// </summary>
public static class IommuRules
{
    /// <summary>The category of every rule.</summary>
    public const string Category = "IommuMigration";

    /// <summary>IOMMU000: an iommu-api-map.json given as AdditionalFiles cannot be read.</summary>
    public const string ApiMapFileId = "IOMMU000";

    /// <summary>IOMMU001: OMAP vendor iommu API (iommu_get/put, TLB and page-table primitives, ctx, isr/twl/da_range).</summary>
    public const string OmapIommuApiId = "IOMMU001";

    /// <summary>IOMMU002: OMAP iovmm API (iommu_vmap/vmalloc/kmap/kmalloc and their frees, da_to_va, find_iovm_area).</summary>
    public const string OmapIovmmApiId = "IOMMU002";

    /// <summary>IOMMU003: MSM vendor API (msm_iommu_get_ctx, msm_subsystem_map_buffer, IOVA pools, iommu_map_range).</summary>
    public const string MsmVendorApiId = "IOMMU003";

    /// <summary>IOMMU004: Era-A order-based iommu_map/iommu_unmap(…, gfp_order, …).</summary>
    public const string OrderBasedMapId = "IOMMU004";

    /// <summary>IOMMU005: a loop mapping a buffer one 4 KiB page at a time through the byte-sized iommu_map.</summary>
    public const string PageLoopMapId = "IOMMU005";

    /// <summary>IOMMU006: the result of a map/unmap call is ignored.</summary>
    public const string IgnoredMapResultId = "IOMMU006";

    /// <summary>IOMMU007: a vendor handle (OmapIommu, an MSM context from msm_iommu_get_ctx) kept in client state.</summary>
    public const string VendorHandleStateId = "IOMMU007";

    /// <summary>The .editorconfig/globalconfig key that moves every helpLinkUri to another docs base (a mirror, a checkout).</summary>
    public const string DocsBaseUriOption = "iommu_migration.docs_base_uri";

    /// <summary>
    /// The MSBuild property that names the docs base (a URI, or a folder): the analyzer's own build stores it, the
    /// package's build/IommuMigration.Analyzers.props sets it to the docs/ folder the package ships and passes it to
    /// the compiler (build_property.IommuAnalyzerDocsBaseUri), and a consumer may set it to a hosted copy.
    /// </summary>
    public const string DocsBaseUriProperty = "IommuAnalyzerDocsBaseUri";

    /// <summary>The readable name of each rule by id (SARIF reportingDescriptor.name, which must differ from the id).</summary>
    public static ImmutableDictionary<string, string> Names { get; } = new[]
    {
        ("IOMMU000", "UnreadableApiMapFile"),
        ("IOMMU001", "OmapVendorIommuApi"),
        ("IOMMU002", "OmapIovmmApi"),
        ("IOMMU003", "MsmVendorIommuApi"),
        ("IOMMU004", "OrderBasedIommuMap"),
        ("IOMMU005", "PageByPageMapLoop"),
        ("IOMMU006", "IgnoredMapResult"),
        ("IOMMU007", "VendorHandleInClientState"),
    }.ToImmutableDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, ImmutableDictionary<string, DiagnosticDescriptor>> ByBase = new(StringComparer.Ordinal);

    /// <summary>
    /// The docs base the analyzer assembly was built with (the IommuAnalyzerDocsBaseUri MSBuild property, stored as
    /// assembly metadata), ending in '/'.
    /// </summary>
    public static string DefaultDocsBaseUri { get; } = ReadBuiltDocsBase();

    /// <summary>IOMMU000 with the default help link.</summary>
    public static readonly DiagnosticDescriptor ApiMapFile = new(
        "IOMMU000",
        "The IOMMU API map file cannot be read",
        "{0}: {1}; the file's entries are ignored",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "An AdditionalFiles iommu-api-map.json must follow the schema of the built-in map (analyzers/docs/api-map.md).",
        DefaultDocsBaseUri + "IOMMU000.md");

    /// <summary>IOMMU001 with the default help link.</summary>
    public static readonly DiagnosticDescriptor OmapIommuApi = new(
        "IOMMU001",
        "OMAP vendor iommu API: move to the generic domain API",
        "{0} models {1}, the OMAP vendor iommu API that Linux 3.2 removed: use {2}; {3}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "iommu_get/put, the TLB and page-table primitives, ctx save/restore and set_isr/set_twl/set_da_range are OMAP's own API (omap.md §4); from 3.2 a client allocates a generic iommu_domain and attaches its device (omap.md §7.2, §7.7).",
        DefaultDocsBaseUri + "IOMMU001.md");

    /// <summary>IOMMU002 with the default help link.</summary>
    public static readonly DiagnosticDescriptor OmapIovmmApi = new(
        "IOMMU002",
        "OMAP iovmm API: move to the DMA-mapping API or the ported iovmm",
        "{0} models {1}, OMAP's 3.0 iovmm API: use {2}; {3}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "iommu_vmap/vunmap/vmalloc/vfree/kmap/kunmap/kmalloc/kfree, da_to_va and find_iovm_area take the vendor handle (omap.md §5.7); 3.2 renamed and re-parameterised the iovmm (omap.md §7.2, §7.5) and later clients use dma_map_sg/dma_alloc_coherent.",
        DefaultDocsBaseUri + "IOMMU002.md");

    /// <summary>IOMMU003 with the default help link.</summary>
    public static readonly DiagnosticDescriptor MsmVendorApi = new(
        "IOMMU003",
        "MSM vendor IOMMU API: move to the generic API",
        "{0} models {1}, the CAF MSM vendor API: use {2}; {3}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "msm_iommu_get_ctx, msm_subsystem_map_buffer, the IOVA pools and the CAF iommu_map_range extension exist only in Qualcomm trees (msm.md §6, §7; generic.md §8.1).",
        DefaultDocsBaseUri + "IOMMU003.md");

    /// <summary>IOMMU004 with the default help link.</summary>
    public static readonly DiagnosticDescriptor OrderBasedMap = new(
        "IOMMU004",
        "Order-based iommu_map/iommu_unmap: pass the size in bytes",
        "{0} models the Era-A {1} taking a page order: use {2}; {3}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "Linux 3.3 made iommu_map/iommu_unmap byte-sized (size = 4096 << gfp_order) and made iommu_unmap return the bytes unmapped (generic.md §4.3, §4.4, §5, §5.4).",
        DefaultDocsBaseUri + "IOMMU004.md");

    /// <summary>IOMMU005 with the default help link.</summary>
    public static readonly DiagnosticDescriptor PageLoopMap = new(
        "IOMMU005",
        "A loop maps a buffer one page at a time: map it with one call",
        "{0} maps one {1}-byte page per iteration of this loop: since Linux 3.3 iommu_map splits a byte range by pgsize_bitmap and rolls back a failure, so {2}; {3}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "The 3.3 core chooses the largest page the alignment and remaining size allow and undoes a partial map (generic.md §5.1, §5.4); a per-page loop forces 4 KiB pages and leaves a partial mapping behind on error.",
        DefaultDocsBaseUri + "IOMMU005.md");

    /// <summary>IOMMU006 with the default help link.</summary>
    public static readonly DiagnosticDescriptor IgnoredMapResult = new(
        "IOMMU006",
        "The result of a map/unmap call is ignored",
        "The result of {0} ({1}) is ignored: {2}, so an error is lost; {3}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "Map and unmap calls report failure only through their result (errno, IS_ERR_VALUE, NULL, a short byte count; generic.md §5.3, §9.6).",
        DefaultDocsBaseUri + "IOMMU006.md");

    /// <summary>IOMMU007 with the default help link.</summary>
    public static readonly DiagnosticDescriptor VendorHandleState = new(
        "IOMMU007",
        "A vendor IOMMU handle is kept in client state",
        "{0} keeps {1} ({2}) in client state: keep {3} instead; {4}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "The vendor handle (struct iommu, an MSM context device) disappears in the port; client state holds the iommu_domain and the client's own device (omap.md §7.7, msm.md §6).",
        DefaultDocsBaseUri + "IOMMU007.md");

    /// <summary>Every rule, ordered by id, with the default help links.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } =
        Descriptors(DefaultDocsBaseUri).Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();

    /// <summary>The docs page of rule <paramref name="id"/> under <paramref name="docsBaseUri"/> (default: the built one).</summary>
    public static string HelpUri(string id, string? docsBaseUri = null) => NormalizeBase(docsBaseUri) + id + ".md";

    /// <summary>The descriptor of rule <paramref name="id"/> whose helpLinkUri lies under <paramref name="docsBaseUri"/>.</summary>
    public static DiagnosticDescriptor Get(string id, string? docsBaseUri = null) => Descriptors(NormalizeBase(docsBaseUri))[id];

    private static ImmutableDictionary<string, DiagnosticDescriptor> Descriptors(string docsBase) =>
        ByBase.GetOrAdd(docsBase, static b => Create(b));

    private static ImmutableDictionary<string, DiagnosticDescriptor> Create(string docsBase)
    {
        DiagnosticDescriptor Rebase(DiagnosticDescriptor d) => docsBase == DefaultDocsBaseUri
            ? d
            : new DiagnosticDescriptor(d.Id, d.Title, d.MessageFormat, d.Category, d.DefaultSeverity, d.IsEnabledByDefault, d.Description, docsBase + d.Id + ".md");

        return new[] { ApiMapFile, OmapIommuApi, OmapIovmmApi, MsmVendorApi, OrderBasedMap, PageLoopMap, IgnoredMapResult, VendorHandleState }
            .Select(Rebase)
            .ToImmutableDictionary(d => d.Id, StringComparer.Ordinal);
    }

    private static string NormalizeBase(string? docsBaseUri) =>
        string.IsNullOrWhiteSpace(docsBaseUri) ? DefaultDocsBaseUri : ToBaseUri(docsBaseUri!);

    /// <summary>
    /// <paramref name="docsBase"/> as an absolute base URI ending in '/': a URI as given, a rooted folder path as its
    /// file:// URI (percent-encoded), so a docs folder on disk is a link that opens.
    /// </summary>
    public static string ToBaseUri(string docsBase)
    {
        if (docsBase is null)
            throw new ArgumentNullException(nameof(docsBase));
        string b = docsBase.Trim();
        if (Path.IsPathRooted(b) && !b.Contains("://"))
            b = new Uri(Path.GetFullPath(b)).AbsoluteUri;
        return b.EndsWith("/", StringComparison.Ordinal) ? b : b + "/";
    }

    // The base the analyzer's build stored (analyzers/docs in the checkout that built it); where it is missing, the
    // docs/ folder of the package layout the dll sits in (analyzers/dotnet/cs/ -> ../../../docs/).
    private static string ReadBuiltDocsBase()
    {
        string? value = typeof(IommuRules).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == DocsBaseUriProperty)?.Value;
        if (!string.IsNullOrWhiteSpace(value))
            return ToBaseUri(value!);
        string here = Path.GetDirectoryName(typeof(IommuRules).Assembly.Location) ?? ".";
        return ToBaseUri(Path.Combine(here, "..", "..", "..", "docs"));
    }
}
