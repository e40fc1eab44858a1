// The drawer's stylesheet shows it on screens of at least the md breakpoint (960px) until it is toggled.
export function drawerShowsInitially() {
    return window.matchMedia('(min-width: 960px)').matches;
}
