// Draws the yearly dashboards from the JSON the page embeds (no inline script: the CSP stays strict).
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("chart-data");
    if (!source || typeof echarts === "undefined") return;
    var data = JSON.parse(source.textContent);
    var colours = { "红": "#d9534f", "黄": "#f0ad4e", "绿": "#5cb85c", "蓝": "#337ab7", "未评": "#999" };
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var chart = data[el.dataset.chart];
      if (!chart || !chart.rows.length) return;
      var option;
      if (el.dataset.chart === "quadrant") {
        option = {
          tooltip: { formatter: function (p) { return p.data[2] + "<br>" + p.data[0] + "% / " + p.data[1] + "%"; } },
          xAxis: { name: chart.columns[2], min: 0, max: 100 },
          yAxis: { name: chart.columns[3], min: 0, max: 100 },
          series: [{
            type: "scatter",
            data: chart.rows.map(function (r) { return [Number(r[2]), Number(r[3]), r[1]]; }),
            markLine: { silent: true, data: [{ xAxis: 80 }, { yAxis: 80 }] }
          }]
        };
      } else {
        var names = chart.columns.slice(1);
        option = {
          tooltip: { trigger: "axis" },
          legend: { data: names },
          xAxis: { type: "category", data: chart.rows.map(function (r) { return r[0]; }) },
          yAxis: { type: "value", minInterval: 1 },
          series: names.map(function (name, i) {
            var s = { name: name, type: "bar", stack: "all", data: chart.rows.map(function (r) { return r[i + 1]; }) };
            if (colours[name]) s.itemStyle = { color: colours[name] };
            return s;
          })
        };
      }
      echarts.init(el).setOption(option);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
