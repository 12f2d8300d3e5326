// Keeps the permission checkboxes consistent while the user edits them: checking a permission checks the
// permissions above it, and unchecking one unchecks those below it unless a role still grants it. The server
// applies the same rule when the form is posted, so the page also works without this file.
(function () {
    'use strict';

    const form = document.querySelector('[data-permission-tree]');
    if (!form) {
        return;
    }

    const boxes = Array.from(form.querySelectorAll('input[type=checkbox][data-permission-name]'));
    const byName = new Map(boxes.map(function (box) { return [box.dataset.permissionName, box]; }));

    function checkAncestors(box) {
        for (let parent = byName.get(box.dataset.parentName); parent; parent = byName.get(parent.dataset.parentName)) {
            if (parent.dataset.inherited !== 'true') {
                parent.checked = true;
            }
        }
    }

    function uncheckDescendants(box) {
        boxes.forEach(function (candidate) {
            for (let parent = byName.get(candidate.dataset.parentName); parent; parent = byName.get(parent.dataset.parentName)) {
                if (parent === box) {
                    candidate.checked = false;
                    return;
                }
            }
        });
    }

    form.addEventListener('change', function (event) {
        const box = event.target;
        if (!byName.has(box.dataset.permissionName)) {
            return;
        }

        if (box.checked) {
            checkAncestors(box);
        } else if (box.dataset.inherited !== 'true') {
            uncheckDescendants(box);
        }
    });
})();
