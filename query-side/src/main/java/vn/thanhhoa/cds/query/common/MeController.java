package vn.thanhhoa.cds.query.common;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.*;
import vn.thanhhoa.cds.infra.actor.Actor;

/** Who is signed in. */
@RestController
@RequestMapping("/api")
@Tag(name = "Bảng điều khiển (truy vấn) — dashboards and cards")
public class MeController {

    @GetMapping("/me")
    @Operation(summary = "Người dùng hiện tại — who is signed in, with roles and unit")
    public Actor me(Actor actor) {
        return actor;
    }
}
