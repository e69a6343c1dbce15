using Migration.Drivers.Omap;
using Migration.Hardware.Memory;
using Migration.Hardware.Omap;
using Migration.Kernel;
using static Migration.Vectors.ResultComparer;

namespace Migration.Vectors.Suites;

/// <summary>
/// Suite "omap-iovmm-alloc": the iovmm device-address allocator of Linux 3.0 (alloc_iovm_area,
/// free_iovm_area, __find_iovm_area) run through <see cref="IovmAreaAllocator"/>.
/// </summary>
public sealed class OmapIovmmAllocSuite : IVectorSuite
{
    /// <inheritdoc />
    public string Name => "omap-iovmm-alloc";

    /// <inheritdoc />
    public CaseResult Run(VectorCase vectorCase)
    {
        OmapIommuInstance obj = VectorArena.NewOmapInstance(VectorArena.NewArena(0));
        obj.DaStart = vectorCase.Config.Get("da_start").Hex();
        obj.DaEnd = vectorCase.Config.Get("da_end").Hex();
        var cmp = new ResultComparer();

        for (int i = 0; i < vectorCase.Ops.Count; i++)
        {
            VectorNode op = vectorCase.Ops[i];
            var actual = new List<(string, string)>();
            switch (op.Get("op").String())
            {
                case "alloc":
                    ErrPtr<IovmArea> area = IovmAreaAllocator.Alloc(obj, op.Get("da").Hex(), op.Get("bytes").Hex(), op.Get("flags").Hex(), out bool div0);
                    if (area.IsErr)
                    {
                        actual.Add(("ret", Int(area.PtrErr)));
                    }
                    else
                    {
                        actual.Add(("ret", "0"));
                        actual.Add(("da_start", Hex(area.Value!.DaStart)));
                        actual.Add(("da_end", Hex(area.Value!.DaEnd)));
                    }
                    if (div0)
                        actual.Add(("div0", "true"));
                    break;
                case "free":
                    IovmArea? victim = IovmAreaAllocator.Find(obj, op.Get("da").Hex());
                    actual.Add(("found", Bool(victim is not null)));
                    if (victim is not null)
                    {
                        actual.Add(("da_start", Hex(victim.DaStart)));
                        actual.Add(("da_end", Hex(victim.DaEnd)));
                        IovmAreaAllocator.Free(obj, victim);
                    }
                    break;
                case "find":
                    IovmArea? found = IovmAreaAllocator.Find(obj, op.Get("da").Hex());
                    actual.Add(("found", Bool(found is not null)));
                    if (found is not null)
                    {
                        actual.Add(("da_start", Hex(found.DaStart)));
                        actual.Add(("da_end", Hex(found.DaEnd)));
                        actual.Add(("flags", Hex(found.Flags)));
                    }
                    break;
                default:
                    throw op.Get("op").Error($"unknown op \"{op.Get("op").String()}\" for suite {Name}");
            }
            cmp.CompareObject(i, "", vectorCase.Results[i], actual);
        }

        IReadOnlyList<VectorNode> expectedAreas = vectorCase.Final.Get("areas").Items();
        int count = Math.Max(expectedAreas.Count, obj.Mmap.Count);
        for (int k = 0; k < count; k++)
        {
            string exp = k < expectedAreas.Count ? Describe(expectedAreas[k].Get("da_start").Hex(), expectedAreas[k].Get("da_end").Hex(), expectedAreas[k].Get("flags").Hex()) : Absent;
            string act = k < obj.Mmap.Count ? Describe(obj.Mmap[k].DaStart, obj.Mmap[k].DaEnd, obj.Mmap[k].Flags) : Absent;
            if (exp != act)
                cmp.Add(null, $"final.areas[{k}]", exp, act);
        }
        return new CaseResult(vectorCase.Name, cmp.Mismatches);
    }

    private static string Describe(uint start, uint end, uint flags) => $"[{Hex(start)}, {Hex(end)}) flags {Hex(flags)}";
}
