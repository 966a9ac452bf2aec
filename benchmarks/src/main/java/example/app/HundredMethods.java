package example.app;

/**
 * One hundred small static methods, {@code m00} to {@code m99}, for the start-up and heap benchmarks, which weave
 * each of them with its own pointcut. Each method loops {@code iterations} times, so a caller can give its calls
 * latencies from tens of nanoseconds to milliseconds.
 *
 * <p>The methods are written out one by one because an agent weaves methods that exist in a class file; run.sh
 * names them {@code m00} to {@code m99} in its pointcuts.
 */
public final class HundredMethods {

    /** The number of methods, each named {@code m} and its two-digit index. */
    public static final int METHOD_COUNT = 100;

    private HundredMethods() {
    }

    /** Calls every method once with the same iteration count and returns the combined results. */
    public static long callAll(long seed, int iterations) {
        long sum = seed;
        sum += m00(sum, iterations);
        sum += m01(sum, iterations);
        sum += m02(sum, iterations);
        sum += m03(sum, iterations);
        sum += m04(sum, iterations);
        sum += m05(sum, iterations);
        sum += m06(sum, iterations);
        sum += m07(sum, iterations);
        sum += m08(sum, iterations);
        sum += m09(sum, iterations);
        sum += m10(sum, iterations);
        sum += m11(sum, iterations);
        sum += m12(sum, iterations);
        sum += m13(sum, iterations);
        sum += m14(sum, iterations);
        sum += m15(sum, iterations);
        sum += m16(sum, iterations);
        sum += m17(sum, iterations);
        sum += m18(sum, iterations);
        sum += m19(sum, iterations);
        sum += m20(sum, iterations);
        sum += m21(sum, iterations);
        sum += m22(sum, iterations);
        sum += m23(sum, iterations);
        sum += m24(sum, iterations);
        sum += m25(sum, iterations);
        sum += m26(sum, iterations);
        sum += m27(sum, iterations);
        sum += m28(sum, iterations);
        sum += m29(sum, iterations);
        sum += m30(sum, iterations);
        sum += m31(sum, iterations);
        sum += m32(sum, iterations);
        sum += m33(sum, iterations);
        sum += m34(sum, iterations);
        sum += m35(sum, iterations);
        sum += m36(sum, iterations);
        sum += m37(sum, iterations);
        sum += m38(sum, iterations);
        sum += m39(sum, iterations);
        sum += m40(sum, iterations);
        sum += m41(sum, iterations);
        sum += m42(sum, iterations);
        sum += m43(sum, iterations);
        sum += m44(sum, iterations);
        sum += m45(sum, iterations);
        sum += m46(sum, iterations);
        sum += m47(sum, iterations);
        sum += m48(sum, iterations);
        sum += m49(sum, iterations);
        sum += m50(sum, iterations);
        sum += m51(sum, iterations);
        sum += m52(sum, iterations);
        sum += m53(sum, iterations);
        sum += m54(sum, iterations);
        sum += m55(sum, iterations);
        sum += m56(sum, iterations);
        sum += m57(sum, iterations);
        sum += m58(sum, iterations);
        sum += m59(sum, iterations);
        sum += m60(sum, iterations);
        sum += m61(sum, iterations);
        sum += m62(sum, iterations);
        sum += m63(sum, iterations);
        sum += m64(sum, iterations);
        sum += m65(sum, iterations);
        sum += m66(sum, iterations);
        sum += m67(sum, iterations);
        sum += m68(sum, iterations);
        sum += m69(sum, iterations);
        sum += m70(sum, iterations);
        sum += m71(sum, iterations);
        sum += m72(sum, iterations);
        sum += m73(sum, iterations);
        sum += m74(sum, iterations);
        sum += m75(sum, iterations);
        sum += m76(sum, iterations);
        sum += m77(sum, iterations);
        sum += m78(sum, iterations);
        sum += m79(sum, iterations);
        sum += m80(sum, iterations);
        sum += m81(sum, iterations);
        sum += m82(sum, iterations);
        sum += m83(sum, iterations);
        sum += m84(sum, iterations);
        sum += m85(sum, iterations);
        sum += m86(sum, iterations);
        sum += m87(sum, iterations);
        sum += m88(sum, iterations);
        sum += m89(sum, iterations);
        sum += m90(sum, iterations);
        sum += m91(sum, iterations);
        sum += m92(sum, iterations);
        sum += m93(sum, iterations);
        sum += m94(sum, iterations);
        sum += m95(sum, iterations);
        sum += m96(sum, iterations);
        sum += m97(sum, iterations);
        sum += m98(sum, iterations);
        sum += m99(sum, iterations);
        return sum;
    }

    /** Calls the method with the given index, 0 to 99. */
    public static long call(int index, long seed, int iterations) {
        switch (index) {
            case 0: return m00(seed, iterations);
            case 1: return m01(seed, iterations);
            case 2: return m02(seed, iterations);
            case 3: return m03(seed, iterations);
            case 4: return m04(seed, iterations);
            case 5: return m05(seed, iterations);
            case 6: return m06(seed, iterations);
            case 7: return m07(seed, iterations);
            case 8: return m08(seed, iterations);
            case 9: return m09(seed, iterations);
            case 10: return m10(seed, iterations);
            case 11: return m11(seed, iterations);
            case 12: return m12(seed, iterations);
            case 13: return m13(seed, iterations);
            case 14: return m14(seed, iterations);
            case 15: return m15(seed, iterations);
            case 16: return m16(seed, iterations);
            case 17: return m17(seed, iterations);
            case 18: return m18(seed, iterations);
            case 19: return m19(seed, iterations);
            case 20: return m20(seed, iterations);
            case 21: return m21(seed, iterations);
            case 22: return m22(seed, iterations);
            case 23: return m23(seed, iterations);
            case 24: return m24(seed, iterations);
            case 25: return m25(seed, iterations);
            case 26: return m26(seed, iterations);
            case 27: return m27(seed, iterations);
            case 28: return m28(seed, iterations);
            case 29: return m29(seed, iterations);
            case 30: return m30(seed, iterations);
            case 31: return m31(seed, iterations);
            case 32: return m32(seed, iterations);
            case 33: return m33(seed, iterations);
            case 34: return m34(seed, iterations);
            case 35: return m35(seed, iterations);
            case 36: return m36(seed, iterations);
            case 37: return m37(seed, iterations);
            case 38: return m38(seed, iterations);
            case 39: return m39(seed, iterations);
            case 40: return m40(seed, iterations);
            case 41: return m41(seed, iterations);
            case 42: return m42(seed, iterations);
            case 43: return m43(seed, iterations);
            case 44: return m44(seed, iterations);
            case 45: return m45(seed, iterations);
            case 46: return m46(seed, iterations);
            case 47: return m47(seed, iterations);
            case 48: return m48(seed, iterations);
            case 49: return m49(seed, iterations);
            case 50: return m50(seed, iterations);
            case 51: return m51(seed, iterations);
            case 52: return m52(seed, iterations);
            case 53: return m53(seed, iterations);
            case 54: return m54(seed, iterations);
            case 55: return m55(seed, iterations);
            case 56: return m56(seed, iterations);
            case 57: return m57(seed, iterations);
            case 58: return m58(seed, iterations);
            case 59: return m59(seed, iterations);
            case 60: return m60(seed, iterations);
            case 61: return m61(seed, iterations);
            case 62: return m62(seed, iterations);
            case 63: return m63(seed, iterations);
            case 64: return m64(seed, iterations);
            case 65: return m65(seed, iterations);
            case 66: return m66(seed, iterations);
            case 67: return m67(seed, iterations);
            case 68: return m68(seed, iterations);
            case 69: return m69(seed, iterations);
            case 70: return m70(seed, iterations);
            case 71: return m71(seed, iterations);
            case 72: return m72(seed, iterations);
            case 73: return m73(seed, iterations);
            case 74: return m74(seed, iterations);
            case 75: return m75(seed, iterations);
            case 76: return m76(seed, iterations);
            case 77: return m77(seed, iterations);
            case 78: return m78(seed, iterations);
            case 79: return m79(seed, iterations);
            case 80: return m80(seed, iterations);
            case 81: return m81(seed, iterations);
            case 82: return m82(seed, iterations);
            case 83: return m83(seed, iterations);
            case 84: return m84(seed, iterations);
            case 85: return m85(seed, iterations);
            case 86: return m86(seed, iterations);
            case 87: return m87(seed, iterations);
            case 88: return m88(seed, iterations);
            case 89: return m89(seed, iterations);
            case 90: return m90(seed, iterations);
            case 91: return m91(seed, iterations);
            case 92: return m92(seed, iterations);
            case 93: return m93(seed, iterations);
            case 94: return m94(seed, iterations);
            case 95: return m95(seed, iterations);
            case 96: return m96(seed, iterations);
            case 97: return m97(seed, iterations);
            case 98: return m98(seed, iterations);
            case 99: return m99(seed, iterations);
            default: throw new IllegalArgumentException("Method index " + index + " is not in 0 to 99.");
        }
    }

    static long m00(long seed, int iterations) {
        return mix(seed + 0, iterations);
    }

    static long m01(long seed, int iterations) {
        return mix(seed + 1, iterations);
    }

    static long m02(long seed, int iterations) {
        return mix(seed + 2, iterations);
    }

    static long m03(long seed, int iterations) {
        return mix(seed + 3, iterations);
    }

    static long m04(long seed, int iterations) {
        return mix(seed + 4, iterations);
    }

    static long m05(long seed, int iterations) {
        return mix(seed + 5, iterations);
    }

    static long m06(long seed, int iterations) {
        return mix(seed + 6, iterations);
    }

    static long m07(long seed, int iterations) {
        return mix(seed + 7, iterations);
    }

    static long m08(long seed, int iterations) {
        return mix(seed + 8, iterations);
    }

    static long m09(long seed, int iterations) {
        return mix(seed + 9, iterations);
    }

    static long m10(long seed, int iterations) {
        return mix(seed + 10, iterations);
    }

    static long m11(long seed, int iterations) {
        return mix(seed + 11, iterations);
    }

    static long m12(long seed, int iterations) {
        return mix(seed + 12, iterations);
    }

    static long m13(long seed, int iterations) {
        return mix(seed + 13, iterations);
    }

    static long m14(long seed, int iterations) {
        return mix(seed + 14, iterations);
    }

    static long m15(long seed, int iterations) {
        return mix(seed + 15, iterations);
    }

    static long m16(long seed, int iterations) {
        return mix(seed + 16, iterations);
    }

    static long m17(long seed, int iterations) {
        return mix(seed + 17, iterations);
    }

    static long m18(long seed, int iterations) {
        return mix(seed + 18, iterations);
    }

    static long m19(long seed, int iterations) {
        return mix(seed + 19, iterations);
    }

    static long m20(long seed, int iterations) {
        return mix(seed + 20, iterations);
    }

    static long m21(long seed, int iterations) {
        return mix(seed + 21, iterations);
    }

    static long m22(long seed, int iterations) {
        return mix(seed + 22, iterations);
    }

    static long m23(long seed, int iterations) {
        return mix(seed + 23, iterations);
    }

    static long m24(long seed, int iterations) {
        return mix(seed + 24, iterations);
    }

    static long m25(long seed, int iterations) {
        return mix(seed + 25, iterations);
    }

    static long m26(long seed, int iterations) {
        return mix(seed + 26, iterations);
    }

    static long m27(long seed, int iterations) {
        return mix(seed + 27, iterations);
    }

    static long m28(long seed, int iterations) {
        return mix(seed + 28, iterations);
    }

    static long m29(long seed, int iterations) {
        return mix(seed + 29, iterations);
    }

    static long m30(long seed, int iterations) {
        return mix(seed + 30, iterations);
    }

    static long m31(long seed, int iterations) {
        return mix(seed + 31, iterations);
    }

    static long m32(long seed, int iterations) {
        return mix(seed + 32, iterations);
    }

    static long m33(long seed, int iterations) {
        return mix(seed + 33, iterations);
    }

    static long m34(long seed, int iterations) {
        return mix(seed + 34, iterations);
    }

    static long m35(long seed, int iterations) {
        return mix(seed + 35, iterations);
    }

    static long m36(long seed, int iterations) {
        return mix(seed + 36, iterations);
    }

    static long m37(long seed, int iterations) {
        return mix(seed + 37, iterations);
    }

    static long m38(long seed, int iterations) {
        return mix(seed + 38, iterations);
    }

    static long m39(long seed, int iterations) {
        return mix(seed + 39, iterations);
    }

    static long m40(long seed, int iterations) {
        return mix(seed + 40, iterations);
    }

    static long m41(long seed, int iterations) {
        return mix(seed + 41, iterations);
    }

    static long m42(long seed, int iterations) {
        return mix(seed + 42, iterations);
    }

    static long m43(long seed, int iterations) {
        return mix(seed + 43, iterations);
    }

    static long m44(long seed, int iterations) {
        return mix(seed + 44, iterations);
    }

    static long m45(long seed, int iterations) {
        return mix(seed + 45, iterations);
    }

    static long m46(long seed, int iterations) {
        return mix(seed + 46, iterations);
    }

    static long m47(long seed, int iterations) {
        return mix(seed + 47, iterations);
    }

    static long m48(long seed, int iterations) {
        return mix(seed + 48, iterations);
    }

    static long m49(long seed, int iterations) {
        return mix(seed + 49, iterations);
    }

    static long m50(long seed, int iterations) {
        return mix(seed + 50, iterations);
    }

    static long m51(long seed, int iterations) {
        return mix(seed + 51, iterations);
    }

    static long m52(long seed, int iterations) {
        return mix(seed + 52, iterations);
    }

    static long m53(long seed, int iterations) {
        return mix(seed + 53, iterations);
    }

    static long m54(long seed, int iterations) {
        return mix(seed + 54, iterations);
    }

    static long m55(long seed, int iterations) {
        return mix(seed + 55, iterations);
    }

    static long m56(long seed, int iterations) {
        return mix(seed + 56, iterations);
    }

    static long m57(long seed, int iterations) {
        return mix(seed + 57, iterations);
    }

    static long m58(long seed, int iterations) {
        return mix(seed + 58, iterations);
    }

    static long m59(long seed, int iterations) {
        return mix(seed + 59, iterations);
    }

    static long m60(long seed, int iterations) {
        return mix(seed + 60, iterations);
    }

    static long m61(long seed, int iterations) {
        return mix(seed + 61, iterations);
    }

    static long m62(long seed, int iterations) {
        return mix(seed + 62, iterations);
    }

    static long m63(long seed, int iterations) {
        return mix(seed + 63, iterations);
    }

    static long m64(long seed, int iterations) {
        return mix(seed + 64, iterations);
    }

    static long m65(long seed, int iterations) {
        return mix(seed + 65, iterations);
    }

    static long m66(long seed, int iterations) {
        return mix(seed + 66, iterations);
    }

    static long m67(long seed, int iterations) {
        return mix(seed + 67, iterations);
    }

    static long m68(long seed, int iterations) {
        return mix(seed + 68, iterations);
    }

    static long m69(long seed, int iterations) {
        return mix(seed + 69, iterations);
    }

    static long m70(long seed, int iterations) {
        return mix(seed + 70, iterations);
    }

    static long m71(long seed, int iterations) {
        return mix(seed + 71, iterations);
    }

    static long m72(long seed, int iterations) {
        return mix(seed + 72, iterations);
    }

    static long m73(long seed, int iterations) {
        return mix(seed + 73, iterations);
    }

    static long m74(long seed, int iterations) {
        return mix(seed + 74, iterations);
    }

    static long m75(long seed, int iterations) {
        return mix(seed + 75, iterations);
    }

    static long m76(long seed, int iterations) {
        return mix(seed + 76, iterations);
    }

    static long m77(long seed, int iterations) {
        return mix(seed + 77, iterations);
    }

    static long m78(long seed, int iterations) {
        return mix(seed + 78, iterations);
    }

    static long m79(long seed, int iterations) {
        return mix(seed + 79, iterations);
    }

    static long m80(long seed, int iterations) {
        return mix(seed + 80, iterations);
    }

    static long m81(long seed, int iterations) {
        return mix(seed + 81, iterations);
    }

    static long m82(long seed, int iterations) {
        return mix(seed + 82, iterations);
    }

    static long m83(long seed, int iterations) {
        return mix(seed + 83, iterations);
    }

    static long m84(long seed, int iterations) {
        return mix(seed + 84, iterations);
    }

    static long m85(long seed, int iterations) {
        return mix(seed + 85, iterations);
    }

    static long m86(long seed, int iterations) {
        return mix(seed + 86, iterations);
    }

    static long m87(long seed, int iterations) {
        return mix(seed + 87, iterations);
    }

    static long m88(long seed, int iterations) {
        return mix(seed + 88, iterations);
    }

    static long m89(long seed, int iterations) {
        return mix(seed + 89, iterations);
    }

    static long m90(long seed, int iterations) {
        return mix(seed + 90, iterations);
    }

    static long m91(long seed, int iterations) {
        return mix(seed + 91, iterations);
    }

    static long m92(long seed, int iterations) {
        return mix(seed + 92, iterations);
    }

    static long m93(long seed, int iterations) {
        return mix(seed + 93, iterations);
    }

    static long m94(long seed, int iterations) {
        return mix(seed + 94, iterations);
    }

    static long m95(long seed, int iterations) {
        return mix(seed + 95, iterations);
    }

    static long m96(long seed, int iterations) {
        return mix(seed + 96, iterations);
    }

    static long m97(long seed, int iterations) {
        return mix(seed + 97, iterations);
    }

    static long m98(long seed, int iterations) {
        return mix(seed + 98, iterations);
    }

    static long m99(long seed, int iterations) {
        return mix(seed + 99, iterations);
    }

    private static long mix(long seed, int iterations) {
        long value = seed;
        for (int i = 0; i < iterations; i++) {
            value = (value ^ (value >>> 31)) * 0xBF58476D1CE4E5B9L;
        }
        return value;
    }
}
