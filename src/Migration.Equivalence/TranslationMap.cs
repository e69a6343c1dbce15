namespace Migration.Equivalence;

/// <summary>
/// The canonical translation map of an address space: merged runs of [iova, iova + len) → pa with equal
/// attributes, built by walking page by page and skipping unmapped granules whole, so a 4 GiB space costs
/// one walk per mapped page or empty first-level entry, not per 4 KiB.
/// </summary>
public static class TranslationMap
{
    /// <summary>Builds the merged runs of everything <paramref name="walker"/> translates in [0, 4 GiB).</summary>
    public static List<TranslationRun> Build(ITranslationWalker walker)
    {
        ArgumentNullException.ThrowIfNull(walker);
        var runs = new List<TranslationRun>();
        ulong va = 0;
        while (va < 0x1_0000_0000UL)
        {
            uint v = (uint)va;
            if (!walker.Walk(v, out uint pageBase, out uint size, out uint attrs, out uint granule))
            {
                va = (va & ~(ulong)(granule - 1)) + granule;
                continue;
            }
            uint pageIova = v & ~(size - 1);
            Append(runs, new TranslationRun(pageIova, size, pageBase, attrs));
            va = (ulong)pageIova + size;
        }
        return runs;
    }

    /// <summary>
    /// The first device address at which <paramref name="left"/> and <paramref name="right"/> disagree (one maps
    /// and the other does not, or the pa or attributes differ), or null when they are equivalent.
    /// </summary>
    public static TranslationDivergence? FirstDifference(IReadOnlyList<TranslationRun> left, IReadOnlyList<TranslationRun> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        int i = 0, j = 0;
        ulong cursor = 0;
        while (cursor < 0x1_0000_0000UL)
        {
            while (i < left.Count && left[i].End <= cursor)
                i++;
            while (j < right.Count && right[j].End <= cursor)
                j++;
            TranslationRun? a = i < left.Count && left[i].Iova <= cursor ? left[i] : null;
            TranslationRun? b = j < right.Count && right[j].Iova <= cursor ? right[j] : null;
            uint at = (uint)cursor;
            if (a is null != b is null)
                return new TranslationDivergence(at, a, b);
            if (a is { } ra && b is { } rb && (ra.Translate(at) != rb.Translate(at) || ra.Attributes != rb.Attributes))
                return new TranslationDivergence(at, a, b);
            // Advance to the next boundary of either side.
            ulong next = 0x1_0000_0000UL;
            if (a is { } x)
                next = Math.Min(next, x.End);
            else if (i < left.Count)
                next = Math.Min(next, left[i].Iova);
            if (b is { } y)
                next = Math.Min(next, y.End);
            else if (j < right.Count)
                next = Math.Min(next, right[j].Iova);
            cursor = next;
        }
        return null;
    }

    private static void Append(List<TranslationRun> runs, TranslationRun run)
    {
        if (runs.Count > 0)
        {
            TranslationRun last = runs[^1];
            if (last.End == run.Iova && (ulong)last.Pa + last.Length == run.Pa && last.Attributes == run.Attributes)
            {
                runs[^1] = last with { Length = last.Length + run.Length };
                return;
            }
        }
        runs.Add(run);
    }
}
