using System.Text;
using CsCheck;
using Migration.Analysis.C.Fix;

namespace Migration.Analysis.C.Tests;

/// <summary>Issue 17 / issue 15: whatever bytes a .c file holds, `fix` returns that file's result (or its error) and never throws, and its diff can be built.</summary>
public sealed class FixFuzzTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fix-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly string[] Pieces =
    [
        "iommu_vfree(", "isp->iommu", "iommu_get(\"isp\")", "iommu_put(", "iommu_map(d, 0, 0, ", "get_order(", "iommu_unmap(d, 0, ", "da_to_va(",
        "#define M(x) ", "\\\n", "=", ";", ",", "(", ")", "{", "}", "/*", "*/", "//", "\"", "'", "\r\n", "\n", "\r", " ", "\t", "goto out;", "out:",
        "int ret;", "static int f(struct isp_device *isp)", "x", "0", "4", "SZ_4K", "->", ".", "[", "]", "\xC3\xA9",
    ];

    private void FixOne(byte[] bytes)
    {
        string path = Path.Combine(_folder, "x.c");
        File.WriteAllBytes(path, bytes);
        FixRun run = FixRun.Run(path, new CFixer(), out string? error, maxParallelism: 1)!;
        Assert.Null(error);
        FileFix file = Assert.Single(run.Files);
        Assert.False(file.Error is { } e && e.StartsWith("fix failed", StringComparison.Ordinal), file.Error);
        _ = run.Diff();
        _ = run.Summary();
        // Every byte outside the rewrites is kept: applying the sites' edits to the original gives the patched bytes.
        Assert.Equal(file.Patched, TextEdit.Apply(file.Original, file.Sites.SelectMany(s => s.Edits)));
    }

    [Fact]
    public void RandomBytes_AreAResult_NotACrash()
    {
        Gen.Byte.Array[0, 2048].Sample(FixOne, iter: 25, threads: 1);
    }

    [Fact]
    public void RandomMixesOfCallPieces_AreAResult_NotACrash()
    {
        Gen.Int[0, Pieces.Length - 1].Select(i => Pieces[i]).Array[0, 60].Select(p => Encoding.UTF8.GetBytes(string.Concat(p))).Sample(FixOne, iter: 60, threads: 1);
    }
}
