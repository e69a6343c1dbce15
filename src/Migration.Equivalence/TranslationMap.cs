namespace Migration.Equivalence;

/// <summary>
/// Canonical translation maps: merged runs of [iova, iova + len) → physical identity with equal attributes, built
/// from the page tables by the hardware walker, skipping unmapped granules whole (a 4 GiB space costs one walk
/// per mapped page or empty first-level entry, not one per 4 KiB), and compared run by run.
/// </summary>
public static class TranslationMap
{
    /// <summary>Size of the address space a map covers (32-bit device addresses).</summary>
    public const ulong SpaceSize = 0x1_0000_0000UL;

    /// <summary>Builds the merged runs of everything <paramref name="walker"/> translates in [0, 4 GiB) under <paramref name="root"/>.</summary>
    public static List<TranslationRun> Build(ITranslationWalker walker, uint root, PhysicalIdentity? identity = null)
    {
        ArgumentNullException.ThrowIfNull(walker);
        var runs = new List<TranslationRun>();
        ulong va = 0;
        while (va < SpaceSize)
        {
            if (!walker.Walk(root, (uint)va, out PageEntry e, out uint granule))
            {
                va = (va & ~(ulong)(granule - 1)) + granule;
                continue;
            }
            AppendEntry(runs, e, e.Iova, e.Size, identity);
            va = (ulong)e.Iova + e.Size;
        }
        return runs;
    }

    /// <summary>
    /// Appends the part [from, from + length) of entry <paramref name="e"/> to <paramref name="runs"/>, resolving
    /// physical identities page by page when <paramref name="identity"/> names any page, and merging with the last run.
    /// </summary>
    public static void AppendEntry(List<TranslationRun> runs, in PageEntry e, uint from, uint length, PhysicalIdentity? identity)
    {
        ArgumentNullException.ThrowIfNull(runs);
        uint pa = e.Pa + (from - e.Iova);
        if (identity is null || identity.Count == 0)
        {
            Append(runs, new TranslationRun(from, length, pa, e.Attributes));
            return;
        }
        for (uint off = 0; off < length; off += 0x1000)
            Append(runs, new TranslationRun(from + off, 0x1000, identity.Resolve(pa + off), e.Attributes));
    }

    /// <summary>
    /// The first device address at which <paramref name="left"/> and <paramref name="right"/> disagree (one maps
    /// and the other does not, or the physical identity or attributes differ), or null when they are equivalent.
    /// </summary>
    public static TranslationDivergence? FirstDifference(IReadOnlyList<TranslationRun> left, IReadOnlyList<TranslationRun> right) =>
        FirstDifference(left, right, 0);

    /// <summary>The first device address at or after <paramref name="from"/> at which the runs disagree, or null.</summary>
    public static TranslationDivergence? FirstDifference(IReadOnlyList<TranslationRun> left, IReadOnlyList<TranslationRun> right, ulong from)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        int i = 0, j = 0;
        ulong cursor = from;
        while (cursor < SpaceSize)
        {
            while (i < left.Count && left[i].End <= cursor)
                i++;
            while (j < right.Count && right[j].End <= cursor)
                j++;
            if (i >= left.Count && j >= right.Count)
                return null;
            TranslationRun? a = i < left.Count && left[i].Iova <= cursor ? left[i] : null;
            TranslationRun? b = j < right.Count && right[j].Iova <= cursor ? right[j] : null;
            uint at = (uint)cursor;
            if (a is null != b is null)
                return new TranslationDivergence(at, a, b);
            if (a is { } ra && b is { } rb && (ra.Translate(at) != rb.Translate(at) || ra.Attributes != rb.Attributes))
                return new TranslationDivergence(at, a, b);
            // Advance to the next boundary of either side.
            ulong next = SpaceSize;
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

    /// <summary>Total bytes mapped by <paramref name="runs"/>.</summary>
    public static ulong MappedBytes(IReadOnlyList<TranslationRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ulong total = 0;
        foreach (TranslationRun r in runs)
            total += r.Length;
        return total;
    }

    private static void Append(List<TranslationRun> runs, TranslationRun run)
    {
        if (runs.Count > 0)
        {
            TranslationRun last = runs[^1];
            if (last.End == run.Iova && last.Pa + last.Length == run.Pa && last.Attributes == run.Attributes)
            {
                runs[^1] = last with { Length = last.Length + run.Length };
                return;
            }
        }
        runs.Add(run);
    }
}
