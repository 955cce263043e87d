//! How far apart two colours look: CIELAB, the CIEDE2000 difference, and Machado et al.'s (2009)
//! simulation of deutan and protan vision (full severity). Used to check that series colours
//! stay distinguishable.

/// sRGB channels to linear light.
fn linear(c: [u8; 3]) -> [f64; 3] {
    c.map(|v| {
        let v = f64::from(v) / 255.0;
        if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    })
}

/// CIELAB (D65) of linear-light RGB.
fn lab_of_linear([red, green, blue]: [f64; 3]) -> [f64; 3] {
    let x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.950_47;
    let y = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
    let z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.088_83;
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// CIELAB (D65) of an sRGB colour.
#[must_use]
pub fn lab(c: [u8; 3]) -> [f64; 3] {
    lab_of_linear(linear(c))
}

/// Which colour vision to simulate.
#[derive(Clone, Copy, Debug)]
pub enum Vision {
    Deutan,
    Protan,
}

/// CIELAB of `c` as a reader with `vision` sees it (Machado 2009, severity 1).
#[must_use]
pub fn lab_seen(c: [u8; 3], vision: Vision) -> [f64; 3] {
    let m = match vision {
        Vision::Deutan => [
            [0.367_322, 0.860_646, -0.227_968],
            [0.280_085, 0.672_501, 0.047_413],
            [-0.011_820, 0.042_940, 0.968_881],
        ],
        Vision::Protan => [
            [0.152_286, 1.052_583, -0.204_868],
            [0.114_503, 0.786_281, 0.099_216],
            [-0.003_882, -0.048_116, 1.051_998],
        ],
    };
    let l = linear(c);
    let row = |r: [f64; 3]| (r[0] * l[0] + r[1] * l[1] + r[2] * l[2]).clamp(0.0, 1.0);
    lab_of_linear([row(m[0]), row(m[1]), row(m[2])])
}

/// The CIEDE2000 colour difference of two CIELAB colours (Sharma, Wu and Dalal 2005).
#[must_use]
pub fn delta_e_2000(a: [f64; 3], b: [f64; 3]) -> f64 {
    let [l1, a1, b1] = a;
    let [l2, a2, b2] = b;
    let c_bar = f64::midpoint(a1.hypot(b1), a2.hypot(b2));
    let g = 0.5 * (1.0 - (c_bar.powi(7) / (c_bar.powi(7) + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| b.atan2(a).to_degrees().rem_euclid(360.0);
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let dl = l2 - l1;
    let dc = c2p - c1p;
    let dh = if c1p * c2p == 0.0 {
        0.0
    } else if h2p - h1p > 180.0 {
        h2p - h1p - 360.0
    } else if h2p - h1p < -180.0 {
        h2p - h1p + 360.0
    } else {
        h2p - h1p
    };
    let d_big_h = 2.0 * (c1p * c2p).sqrt() * (dh / 2.0).to_radians().sin();
    let l_bar = f64::midpoint(l1, l2);
    let c_bar_p = f64::midpoint(c1p, c2p);
    let h_bar = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() > 180.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        f64::midpoint(h1p, h2p)
    };
    let cos = |d: f64| d.to_radians().cos();
    let t =
        1.0 - 0.17 * cos(h_bar - 30.0) + 0.24 * cos(2.0 * h_bar) + 0.32 * cos(3.0 * h_bar + 6.0)
            - 0.20 * cos(4.0 * h_bar - 63.0);
    let d_theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
    let r_c = 2.0 * (c_bar_p.powi(7) / (c_bar_p.powi(7) + 25f64.powi(7))).sqrt();
    let s_l = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
    let s_c = 1.0 + 0.045 * c_bar_p;
    let s_h = 1.0 + 0.015 * c_bar_p * t;
    let r_t = -(2.0 * d_theta).to_radians().sin() * r_c;
    ((dl / s_l).powi(2)
        + (dc / s_c).powi(2)
        + (d_big_h / s_h).powi(2)
        + r_t * (dc / s_c) * (d_big_h / s_h))
        .sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_sharmas_published_pairs() {
        // Pairs 1, 7 and 17 of Sharma, Wu and Dalal's test data.
        let cases = [
            ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
            ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
            ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
        ];
        for (a, b, expected) in cases {
            let d = delta_e_2000(a, b);
            assert!((d - expected).abs() < 1e-4, "{a:?} {b:?}: {d}");
        }
    }

    #[test]
    fn white_is_l_100_and_deutan_vision_merges_red_and_green() {
        let white = lab([255, 255, 255]);
        assert!(
            (white[0] - 100.0).abs() < 0.01 && white[1].abs() < 0.01,
            "{white:?}"
        );
        let (red, green) = ([0xD5, 0x5E, 0x00], [0x44, 0xAA, 0x00]);
        let normal = delta_e_2000(lab(red), lab(green));
        let deutan = delta_e_2000(
            lab_seen(red, Vision::Deutan),
            lab_seen(green, Vision::Deutan),
        );
        assert!(normal > 40.0 && deutan < normal / 2.0, "{normal} {deutan}");
    }
}
