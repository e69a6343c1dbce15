using System.Text;
using Migration.Analysis.C.Fix;

namespace Migration.Analysis.C.Tests;

/// <summary>The unified diff `migrate fix` prints: git headers, 3 lines of context, hunks merged when their context meets, new line numbers shifted by earlier hunks, a last line without a break.</summary>
public sealed class FixDiffTests
{
    private static readonly byte[] TwentyLines = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(1, 20).Select(i => $"l{i}\n")));

    /// <summary>The edit replacing line <paramref name="line"/> (1-based, without its break) of <see cref="TwentyLines"/>.</summary>
    private static TextEdit Line(int line, string text)
    {
        int start = string.Concat(Enumerable.Range(1, line - 1).Select(i => $"l{i}\n")).Length;
        return new TextEdit(start, start + $"l{line}".Length, text);
    }

    [Fact]
    public void NoEdits_IsAnEmptyDiff()
    {
        Assert.Equal("", UnifiedDiff.Create("f.c", TwentyLines, []));
        Assert.Equal("", UnifiedDiff.Create("f.c", TwentyLines, [Line(3, "l3")]));
    }

    [Fact]
    public void FarChanges_AreTwoHunks_TheSecondShiftedByTheLinesTheFirstAdded()
    {
        Assert.Equal(
            "diff --git a/d/f.c b/d/f.c\n--- a/d/f.c\n+++ b/d/f.c\n" +
            "@@ -1,5 +1,6 @@\n l1\n-l2\n+x\n+y\n l3\n l4\n l5\n" +
            "@@ -12,7 +13,7 @@\n l12\n l13\n l14\n-l15\n+z\n l16\n l17\n l18\n",
            UnifiedDiff.Create("d/f.c", TwentyLines, [Line(15, "z"), Line(2, "x\ny")]));
    }

    [Fact]
    public void ChangesWhoseContextMeets_AreOneHunk()
    {
        Assert.Equal(
            "diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n" +
            "@@ -2,14 +2,14 @@\n l2\n l3\n l4\n-l5\n+a\n l6\n l7\n l8\n l9\n l10\n l11\n-l12\n+b\n l13\n l14\n l15\n",
            UnifiedDiff.Create("f.c", TwentyLines, [Line(5, "a"), Line(12, "b")]));
    }

    [Fact]
    public void EditsOnAbuttingLines_RemoveAllThenAddAll_AsGitDoes()
    {
        Assert.Equal(
            "diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n" +
            "@@ -4,8 +4,8 @@\n l4\n l5\n l6\n-l7\n-l8\n+a\n+b\n l9\n l10\n l11\n",
            UnifiedDiff.Create("f.c", TwentyLines, [Line(8, "b"), Line(7, "a")]));
    }

    [Fact]
    public void ALastLineWithoutABreak_IsMarked()
    {
        byte[] source = Encoding.ASCII.GetBytes("a\nb\nc");
        Assert.Equal(
            "diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n@@ -1,3 +1,3 @@\n a\n b\n-c\n\\ No newline at end of file\n+d\n\\ No newline at end of file\n",
            UnifiedDiff.Create("f.c", source, [new TextEdit(4, 5, "d")]));
    }

    [Fact]
    public void TextEditApply_CopiesEveryOtherByte()
    {
        byte[] source = [0xFF, (byte)'a', 0x00, (byte)'b', 0x80];
        Assert.Equal(new byte[] { 0xFF, (byte)'x', (byte)'y', 0x00, (byte)'b', 0x80 }, TextEdit.Apply(source, [new TextEdit(1, 2, "xy")]));
    }
}
