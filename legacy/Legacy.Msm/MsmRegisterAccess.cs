using Migration.Hardware.Msm;

namespace Legacy.Msm;

/// <summary>
/// The SET_/GET_ register macros of iommu_hw-8xxx.h: whole-register writes and read-modify-write
/// field setters on context (base + (ctx &lt;&lt; 12) + reg) and global registers (msm.md §2.2).
/// </summary>
internal static class MsmRegisterAccess
{
    public static uint CtxOffset(int ctx, uint reg) => ((uint)ctx << MsmIommuRegisters.ContextShift) + reg;

    public static void WriteCtx(MsmIommu hw, int ctx, uint reg, uint value) => hw.Write(CtxOffset(ctx, reg), value);

    public static uint ReadCtx(MsmIommu hw, int ctx, uint reg) => hw.Read(CtxOffset(ctx, reg));

    public static void SetCtxField(MsmIommu hw, int ctx, uint reg, uint mask, int shift, uint value)
    {
        uint offset = CtxOffset(ctx, reg);
        uint old = hw.Read(offset);
        hw.Write(offset, (old & ~mask) | ((value << shift) & mask));
    }

    public static void SetGlobalField(MsmIommu hw, uint offset, uint mask, int shift, uint value)
    {
        uint old = hw.Read(offset);
        hw.Write(offset, (old & ~mask) | ((value << shift) & mask));
    }
}
